package io.rbacaudit.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a small data file of our own (a {@code rule.yaml}) into plain Java values: maps with string keys
 * ({@link LinkedHashMap}, in file order), lists, strings, booleans, longs, doubles and nulls. Timestamps stay the
 * strings they were written as. Only this package knows snakeyaml; other packages read {@link DataFile}s.
 *
 * <p>Bounded and strict: one document, no duplicate keys, no explicit or custom tags, no merge keys, at most
 * {@link #MAX_CODE_POINTS} characters, {@link #MAX_NESTING} levels and {@link #MAX_ALIASES} aliases.
 */
public final class DataFileReader {

  static final int MAX_CODE_POINTS = 1024 * 1024;
  static final int MAX_NESTING = 50;
  static final int MAX_ALIASES = 20;

  private final LoaderOptions options = new LoaderOptions();
  private final PlainScalarResolver resolver = new PlainScalarResolver();

  public DataFileReader() {
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setCodePointLimit(MAX_CODE_POINTS);
    options.setAllowDuplicateKeys(false);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(false);
    options.setProcessComments(false);
  }

  /**
   * @param source the name used in messages (a path as the user gave it, or {@code builtin:...})
   * @throws DataFileException with the line of the first problem: bad syntax, several documents, an empty file,
   *     a duplicate or non-string key, an unsupported tag
   */
  public DataFile read(String source, String text) {
    Map<String, Integer> lines = new HashMap<>();
    Node root;
    try {
      ParserImpl parser = new ParserImpl(new StreamReader(text), options);
      Composer composer = new Composer(parser, resolver, options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new DataFileException(source, m == null ? 0 : m.getLine() + 1,
          "YAML syntax error: " + SyntaxMessages.describe(e));
    } catch (YAMLException e) {
      throw new DataFileException(source, 0, "could not read this YAML: " + SyntaxMessages.bounded(e));
    }
    if (root == null) {
      throw new DataFileException(source, 0, "the file is empty");
    }
    DuplicateKeys.Found dup = DuplicateKeys.find(root);
    if (dup != null) {
      throw new DataFileException(source, dup.second().getStartMark().getLine() + 1,
          "duplicate key " + (dup.keyName() == null ? "" : NodeReader.quote(dup.keyName())) + " (also at line "
              + (dup.first().getStartMark().getLine() + 1) + ")");
    }
    Object value = convert(source, root, "", lines);
    return new DataFile(source, value, lines);
  }

  private Object convert(String source, Node node, String path, Map<String, Integer> lines) {
    int line = node.getStartMark().getLine() + 1;
    lines.put(path, line);
    if (node instanceof MappingNode map) {
      requireTag(source, node, Tag.MAP, line);
      Map<String, Object> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key) || !Tag.STR.equals(key.getTag())) {
          throw new DataFileException(source, t.getKeyNode().getStartMark().getLine() + 1,
              "keys must be plain strings" + (path.isEmpty() ? "" : " (in " + path + ")"));
        }
        String child = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
        out.put(key.getValue(), convert(source, t.getValueNode(), child, lines));
        lines.put(child, key.getStartMark().getLine() + 1); // a field's problems point at its key
      }
      return out;
    }
    if (node instanceof SequenceNode seq) {
      requireTag(source, node, Tag.SEQ, line);
      List<Object> out = new ArrayList<>(seq.getValue().size());
      for (int i = 0; i < seq.getValue().size(); i++) {
        out.add(convert(source, seq.getValue().get(i), path + "[" + i + "]", lines));
      }
      return out;
    }
    return scalar(source, (ScalarNode) node, line);
  }

  private static void requireTag(String source, Node node, Tag expected, int line) {
    if (!expected.equals(node.getTag())) {
      throw new DataFileException(source, line, "tags such as " + node.getTag().getValue() + " are not supported");
    }
  }

  private static Object scalar(String source, ScalarNode s, int line) {
    Tag tag = s.getTag();
    String v = s.getValue();
    if (Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag)) {
      return v;
    }
    if (Tag.NULL.equals(tag)) {
      return null;
    }
    if (Tag.BOOL.equals(tag)) {
      return switch (v.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on" -> Boolean.TRUE;
        default -> Boolean.FALSE;
      };
    }
    if (Tag.INT.equals(tag)) {
      try {
        return Long.parseLong(v.replace("_", ""));
      } catch (NumberFormatException e) {
        return v; // octal, hex or sexagesimal forms: kept as written
      }
    }
    if (Tag.FLOAT.equals(tag)) {
      try {
        return Double.parseDouble(v.replace("_", ""));
      } catch (NumberFormatException e) {
        return v;
      }
    }
    throw new DataFileException(source, line, "tags such as " + tag.getValue() + " are not supported");
  }
}

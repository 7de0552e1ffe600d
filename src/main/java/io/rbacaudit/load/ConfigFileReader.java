package io.rbacaudit.load;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * Reads a small settings file of one YAML document into {@link ConfigValue}s that remember their lines. It knows
 * nothing of what the keys mean: the caller checks them and reports every problem at once. Syntax errors, a second
 * document, duplicate keys and non-scalar keys are the problems found here.
 */
public final class ConfigFileReader {

  /** Settings files are a few lines; anything this large is the wrong file. */
  static final int MAX_SIZE = 4 * 1024 * 1024;

  /**
   * @param root the document (an empty mapping for an empty file), or null when the file could not be read or
   *     parsed; a repeated key keeps its first value
   * @param problems located errors; the caller should report them with its own
   */
  public record Result(ConfigValue root, List<Problem> problems) {
    public Result {
      problems = List.copyOf(problems);
    }
  }

  private static final Map<Tag, ConfigValue.ScalarType> TYPES = Map.of(
      Tag.STR, ConfigValue.ScalarType.STRING,
      Tag.BOOL, ConfigValue.ScalarType.BOOLEAN,
      Tag.INT, ConfigValue.ScalarType.INTEGER,
      Tag.FLOAT, ConfigValue.ScalarType.FLOAT,
      Tag.TIMESTAMP, ConfigValue.ScalarType.DATE,
      Tag.NULL, ConfigValue.ScalarType.NULL);

  private final String file;
  private final List<Problem> problems = new ArrayList<>();

  private ConfigFileReader(String file) {
    this.file = file;
  }

  /** Reads {@code path}; messages name it as given. */
  public static Result read(Path path) {
    String name = path.toString();
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_SIZE) {
        return failed(name, "is larger than " + MAX_SIZE / (1024 * 1024) + " MiB: is this the right file?");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      return failed(name, "no such file");
    } catch (IOException e) {
      return failed(name, "cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
    TextDecoding.Result decoded = TextDecoding.decode(bytes);
    if (decoded.text() == null) {
      return new Result(null, List.of(Problem.error(Location.file(name, decoded.line()), decoded.problem())));
    }
    return readText(name, decoded.text());
  }

  /** Reads {@code text} as the content of {@code file} (a name for messages). */
  public static Result readText(String file, String text) {
    return new ConfigFileReader(file).document(text);
  }

  private static Result failed(String file, String message) {
    return new Result(null, List.of(Problem.error(Location.file(file, 0), message)));
  }

  private Result document(String text) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(YamlDocuments.MAX_ALIASES);
    options.setNestingDepthLimit(YamlDocuments.MAX_NESTING);
    options.setCodePointLimit(MAX_SIZE);
    options.setAllowRecursiveKeys(false);
    options.setMergeOnCompose(true);
    options.setProcessComments(false);
    Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new PlainScalarResolver(), options);
    ConfigValue root = null;
    try {
      Node node = composer.getSingleNode();
      root = node == null || isNull(node) ? new ConfigValue.Mapping(List.of(), Location.file(file, 1)) : convert(node);
    } catch (MarkedYAMLException e) {
      problems.add(syntaxError(e));
    } catch (RuntimeException e) {
      problems.add(Problem.error(Location.file(file, 0), "could not read this YAML: " + SyntaxMessages.bounded(e)));
    }
    // Duplicate or non-scalar keys leave the rest readable, so the caller can report its own problems too.
    return new Result(root, problems);
  }

  private Problem syntaxError(MarkedYAMLException e) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Location at = mark == null ? Location.file(file, 0) : Location.file(file, mark.getLine() + 1);
    String context = e.getContext() == null ? "" : e.getContext();
    if (context.startsWith("expected a single document")) {
      return Problem.error(at, "holds more than one YAML document: keep one (remove the '---' and merge them)");
    }
    return Problem.error(at, "YAML syntax error: " + SyntaxMessages.describe(e)
        + "; fix the indentation or quoting here (a value starting with * or @ needs quotes, e.g. \"*\")");
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  private ConfigValue convert(Node node) {
    Location at = Location.file(file, node.getStartMark().getLine() + 1);
    if (node instanceof ScalarNode s) {
      ConfigValue.ScalarType type = TYPES.getOrDefault(s.getTag(), ConfigValue.ScalarType.OTHER);
      return new ConfigValue.Scalar(s.getValue(), type, at);
    }
    if (node instanceof SequenceNode seq) {
      List<ConfigValue> items = new ArrayList<>(seq.getValue().size());
      for (Node item : seq.getValue()) {
        items.add(convert(item));
      }
      return new ConfigValue.Sequence(items, at);
    }
    MappingNode map = (MappingNode) node;
    List<ConfigValue.Field> fields = new ArrayList<>(map.getValue().size());
    Set<String> seen = new HashSet<>();
    for (NodeTuple t : map.getValue()) {
      Node k = t.getKeyNode();
      Location keyAt = Location.file(file, k.getStartMark().getLine() + 1);
      if (!(k instanceof ScalarNode key)) {
        problems.add(Problem.error(keyAt, "a key must be a plain word, not a list or mapping"));
        continue;
      }
      if (!seen.add(key.getValue())) {
        problems.add(Problem.error(keyAt, "duplicate key '" + key.getValue() + "': keep one"));
        continue;
      }
      fields.add(new ConfigValue.Field(key.getValue(), keyAt, convert(t.getValueNode())));
    }
    return new ConfigValue.Mapping(fields, at);
  }
}

package io.rbacaudit.load;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed, located access to one file's composed YAML nodes, with Kubernetes' strict decoding: a plain {@code 123}
 * where a string is expected is an error, as it is for the API server. A type error throws
 * {@link InvalidObjectException} naming the field path and the fix; warnings wait in {@link #takeWarnings()} until
 * the object they belong to is kept.
 *
 * <p>Field paths are built only when a problem is reported, so the happy path allocates no path strings.
 */
final class NodeReader {

  private static final int MAX_QUOTED = 40;

  private final String file;
  private final Location fixed;
  private final List<Problem> warnings = new ArrayList<>();
  private boolean quoteValues = true;

  NodeReader(String file) {
    this(file, null);
  }

  /**
   * A reader whose every location is {@code fixed}: objects read from a cluster are located by context and uid, not
   * by the line of the JSON text they were re-read from.
   */
  NodeReader(String file, Location fixed) {
    this.file = file;
    this.fixed = fixed;
  }

  String file() {
    return file;
  }

  /** Off while reading a Secret: no scalar of a Secret may appear in a message. */
  void quoteValues(boolean quote) {
    this.quoteValues = quote;
  }

  Location at(Node node) {
    if (fixed != null) {
      return fixed;
    }
    Mark m = node.getStartMark();
    return Location.file(file, m.getLine() + 1, m.getColumn() + 1);
  }

  Location lineOf(Node node) {
    if (fixed != null) {
      return fixed;
    }
    return Location.file(file, node.getStartMark().getLine() + 1);
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  static boolean isNull(Node node) {
    return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
  }

  /** The value of {@code key}, or null when absent (merge keys are already applied at compose time). */
  static Node get(MappingNode map, String key) {
    for (NodeTuple t : map.getValue()) {
      if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
        return t.getValueNode();
      }
    }
    return null;
  }

  /** The scalar text of {@code key} if it is a plain string, else null; for dispatch, never for errors. */
  static String peekString(MappingNode map, String key) {
    Node n = get(map, key);
    return n instanceof ScalarNode s && isString(s) ? s.getValue() : null;
  }

  MappingNode mapping(Node node, String path) {
    if (node instanceof MappingNode m) {
      return m;
    }
    throw error(node, path, "expected a mapping, got " + describe(node) + "; write it as indented key: value lines");
  }

  /** The mapping at {@code key}, or null when absent or null. */
  MappingNode optionalMapping(MappingNode parent, String key, String path) {
    Node n = get(parent, key);
    if (n instanceof MappingNode m) {
      return m;
    }
    return isNull(n) ? null : mapping(n, child(path, key));
  }

  /** The items of the list at {@code key}; empty when absent or null. */
  List<Node> list(MappingNode parent, String key, String path) {
    Node n = get(parent, key);
    if (isNull(n)) {
      return List.of();
    }
    if (n instanceof SequenceNode s) {
      return s.getValue();
    }
    throw error(n, child(path, key), "expected a list, got " + describe(n) + "; write it as lines starting with '- '");
  }

  /** The string at {@code key}, or null when absent or null. */
  String string(MappingNode parent, String key, String path) {
    Node n = get(parent, key);
    if (isNull(n)) {
      return null;
    }
    String s = stringValue(n);
    if (s == null) {
      throw notAString(n, child(path, key), key);
    }
    return s;
  }

  String requiredString(MappingNode parent, String key, String path, String whatToDo) {
    String s = string(parent, key, path);
    if (s == null || s.isEmpty()) {
      Node n = get(parent, key);
      throw error(n == null ? parent : n, child(path, key), "missing; " + whatToDo);
    }
    return s;
  }

  Boolean bool(MappingNode parent, String key, String path) {
    Node n = get(parent, key);
    if (isNull(n)) {
      return null;
    }
    if (n instanceof ScalarNode s && Tag.BOOL.equals(s.getTag())) {
      String v = s.getValue().toLowerCase(java.util.Locale.ROOT);
      return v.equals("true") || v.equals("yes") || v.equals("on");
    }
    throw error(n, child(path, key), "expected true or false, got " + describe(n) + "; write " + key + ": true or "
        + key + ": false without quotes");
  }

  boolean flag(MappingNode parent, String key, String path) {
    return Boolean.TRUE.equals(bool(parent, key, path));
  }

  /** A list of strings, empty when absent or null; a null item is "" as in Go's JSON decoding. */
  List<String> stringList(MappingNode parent, String key, String path) {
    Node n = get(parent, key);
    if (isNull(n)) {
      return List.of();
    }
    if (!(n instanceof SequenceNode seq)) {
      String fix = n instanceof ScalarNode s && isString(s) && quoteValues
          ? "write " + key + ": [" + quote(s.getValue()) + "]"
          : "write it as a list, e.g. " + key + ": [\"...\"]";
      throw error(n, child(path, key), "expected a list of strings, got " + describe(n) + "; " + fix);
    }
    List<Node> items = seq.getValue();
    List<String> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String s = isNull(item) ? "" : stringValue(item);
      if (s == null) {
        throw notAString(item, item(child(path, key), i), null);
      }
      out.add(s);
    }
    return out;
  }

  /** A string-to-string map (labels, annotations, matchLabels); a null value is "". */
  Map<String, String> stringMap(MappingNode parent, String key, String path) {
    return stringMap(parent, key, path, null);
  }

  /** As {@link #stringMap(MappingNode, String, String)}, never reading the value of {@code skipKey}. */
  Map<String, String> stringMap(MappingNode parent, String key, String path, String skipKey) {
    MappingNode m = optionalMapping(parent, key, path);
    if (m == null) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      String name = stringValue(k);
      if (name == null) {
        throw notAString(k, child(path, key), null);
      }
      if (name.equals(skipKey)) {
        continue;
      }
      Node v = t.getValueNode();
      String value = isNull(v) ? "" : stringValue(v);
      if (value == null) {
        throw notAString(v, child(child(path, key), name), name);
      }
      out.put(name, value);
    }
    return out;
  }

  /** The text of a string scalar, or null for anything else (paths for the error are built only then). */
  private static String stringValue(Node node) {
    return node instanceof ScalarNode s && isString(s) ? s.getValue() : null;
  }

  private InvalidObjectException notAString(Node node, String path, String key) {
    String fix;
    if (node instanceof ScalarNode s) {
      String shown = quoteValues ? quote(s.getValue()) : "\"...\"";
      fix = "quote it: " + (key == null ? shown : key + ": " + shown);
    } else if (looksLikeTemplate(node)) {
      fix = "looks like an un-rendered Helm template: run `helm template` first";
    } else {
      fix = "give a single string";
    }
    return error(node, path, "expected a string, got " + describe(node) + "; " + fix);
  }

  /** {@code {{ .Values.x }}} parses as a flow mapping whose only key is another mapping. */
  private static boolean looksLikeTemplate(Node node) {
    return node instanceof MappingNode m
        && m.getFlowStyle() == DumperOptions.FlowStyle.FLOW
        && m.getValue().size() == 1
        && m.getValue().get(0).getKeyNode() instanceof MappingNode;
  }

  private static boolean isString(ScalarNode s) {
    Tag tag = s.getTag();
    // A plain date stays a string in Kubernetes' YAML-to-JSON conversion.
    return Tag.STR.equals(tag) || Tag.TIMESTAMP.equals(tag);
  }

  /** What a node is, with its value when quoting is allowed: {@code a string "get"}, {@code an integer 123}. */
  String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) node;
    Tag tag = s.getTag();
    String what;
    if (Tag.STR.equals(tag)) {
      what = "a string";
    } else if (Tag.INT.equals(tag)) {
      what = "an integer";
    } else if (Tag.FLOAT.equals(tag)) {
      what = "a number";
    } else if (Tag.BOOL.equals(tag)) {
      what = "a boolean";
    } else if (Tag.NULL.equals(tag)) {
      return "null";
    } else {
      what = "a value tagged " + tag.getValue();
    }
    if (!quoteValues) {
      return what;
    }
    return what + " " + (Tag.STR.equals(tag) ? quote(s.getValue()) : shorten(s.getValue()));
  }

  InvalidObjectException error(Node at, String path, String message) {
    return new InvalidObjectException(at(at), path.isEmpty() ? message : path + ": " + message);
  }

  void warn(Node at, String message) {
    warnings.add(Problem.warning(at(at), message));
  }

  /** An error that the API server would reject the object for, where the object is still worth keeping. */
  void keptError(Node at, String message) {
    warnings.add(Problem.error(at(at), message));
  }

  /** The warnings (and kept errors) of the object just decoded, clearing them for the next. */
  List<Problem> takeWarnings() {
    if (warnings.isEmpty()) {
      return List.of();
    }
    List<Problem> out = List.copyOf(warnings);
    warnings.clear();
    return out;
  }

  void dropWarnings() {
    warnings.clear();
  }

  /** The value quoted, or a placeholder while reading a Secret. */
  String show(String value) {
    return quoteValues ? quote(value) : "\"...\"";
  }

  static String quote(String value) {
    return "\"" + shorten(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Keeps messages on one line and short. */
  private static String shorten(String value) {
    String v = value.length() > MAX_QUOTED ? value.substring(0, MAX_QUOTED) + "..." : value;
    StringBuilder sb = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return sb.toString();
  }
}

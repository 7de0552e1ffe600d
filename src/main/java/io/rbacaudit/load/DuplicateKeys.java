package io.rbacaudit.load;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds a repeated key in a composed document. snakeyaml's composer does not check duplicates (only its
 * constructor does, which we do not use), and Kubernetes' strict decoding rejects them, so a document with one is
 * reported. Inside a Secret the values of {@code data} and {@code stringData} are not visited, and key names are
 * not reported.
 */
final class DuplicateKeys {

  /** The two occurrences; {@code keyName} is null when the key belongs to a Secret. */
  record Found(Node first, Node second, String keyName) {}

  private static final int SMALL = 8;

  private final Set<Node> visitedAnchors = new HashSet<>();

  private DuplicateKeys() {}

  static Found find(Node root) {
    return new DuplicateKeys().walk(root, false);
  }

  private Found walk(Node node, boolean inSecret) {
    // An aliased node is shared: visit it once, or an alias fan-out would make this walk exponential.
    if (node.getAnchor() != null && !visitedAnchors.add(node)) {
      return null;
    }
    if (node instanceof SequenceNode seq) {
      for (Node item : seq.getValue()) {
        Found f = walk(item, inSecret);
        if (f != null) {
          return f;
        }
      }
      return null;
    }
    if (!(node instanceof MappingNode map)) {
      return null;
    }
    boolean secret = inSecret || "Secret".equals(NodeReader.peekString(map, "kind"));
    Found here = duplicateIn(map.getValue(), secret);
    if (here != null) {
      return here;
    }
    for (NodeTuple t : map.getValue()) {
      if (secret && t.getKeyNode() instanceof ScalarNode k && isSecretPayload(k.getValue())) {
        continue;
      }
      Found f = walk(t.getValueNode(), secret);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  static boolean isSecretPayload(String key) {
    return key.equals("data") || key.equals("stringData");
  }

  private static Found duplicateIn(List<NodeTuple> tuples, boolean secret) {
    int n = tuples.size();
    if (n < 2) {
      return null;
    }
    if (n <= SMALL) {
      for (int i = 1; i < n; i++) {
        String key = keyOf(tuples.get(i));
        for (int j = 0; key != null && j < i; j++) {
          if (key.equals(keyOf(tuples.get(j)))) {
            return found(tuples.get(j), tuples.get(i), key, secret);
          }
        }
      }
      return null;
    }
    Map<String, NodeTuple> seen = new HashMap<>(n * 2);
    for (NodeTuple t : tuples) {
      String key = keyOf(t);
      if (key != null) {
        NodeTuple before = seen.putIfAbsent(key, t);
        if (before != null) {
          return found(before, t, key, secret);
        }
      }
    }
    return null;
  }

  private static Found found(NodeTuple first, NodeTuple second, String key, boolean secret) {
    return new Found(first.getKeyNode(), second.getKeyNode(), secret ? null : key);
  }

  private static String keyOf(NodeTuple t) {
    return t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
  }
}

package io.rbacaudit.load;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * An object read from the API server (a Gson tree) as the YAML nodes snakeyaml composes from its JSON text, without
 * writing and re-parsing that text: strings are double-quoted scalars, numbers, booleans and nulls plain scalars
 * typed by the same resolver, objects and arrays flow collections. Marks are all at the start: objects from a
 * cluster are located by context and uid, never by line. JsonNodesTest compares the two ways on random trees.
 */
final class JsonNodes {

  private static final Mark START = new Mark("'string'", 0, 0, 0, new int[0], 0);

  private final PlainScalarResolver resolver = new PlainScalarResolver();

  /** The nodes of element, or null when it nests deeper than the loader allows (then read its text instead). */
  Node of(JsonElement element) {
    return node(element, 0);
  }

  private Node node(JsonElement e, int depth) {
    if (depth > YamlDocuments.MAX_NESTING / 2) {
      return null;
    }
    if (e instanceof JsonObject o) {
      List<NodeTuple> tuples = new ArrayList<>(o.size());
      for (Map.Entry<String, JsonElement> member : o.entrySet()) {
        Node value = node(member.getValue(), depth + 1);
        if (value == null) {
          return null;
        }
        tuples.add(new NodeTuple(quoted(member.getKey()), value));
      }
      return new MappingNode(Tag.MAP, true, tuples, START, START, FlowStyle.FLOW);
    }
    if (e instanceof JsonArray a) {
      List<Node> items = new ArrayList<>(a.size());
      for (JsonElement item : a) {
        Node value = node(item, depth + 1);
        if (value == null) {
          return null;
        }
        items.add(value);
      }
      return new SequenceNode(Tag.SEQ, true, items, START, START, FlowStyle.FLOW);
    }
    if (e instanceof JsonPrimitive p && p.isString()) {
      return quoted(p.getAsString());
    }
    // Numbers as Gson writes them (the text they were read as), true, false, null: plain scalars.
    String text = e instanceof JsonPrimitive p ? (p.isNumber() ? p.getAsNumber().toString() : p.getAsString()) : "null";
    return new ScalarNode(resolver.resolve(NodeId.scalar, text, true), true, text, START, START, ScalarStyle.PLAIN);
  }

  private static ScalarNode quoted(String value) {
    return new ScalarNode(Tag.STR, true, value, START, START, ScalarStyle.DOUBLE_QUOTED);
  }
}

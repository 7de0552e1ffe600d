package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The property BlockComposer keeps, for its test and its fuzz target: on any text it composes the nodes snakeyaml
 * composes (kind, tag, value, style, start line and column, children) or declines, and it declines whatever
 * snakeyaml rejects.
 */
public final class ComposerDifferential {

  private ComposerDifferential() {}

  /** The nodes snakeyaml composes with the loader's options, or null when it rejects the text. */
  public static List<Node> snakeyaml(String text) {
    try {
      LoaderOptions options = YamlDocuments.loaderOptions(LoadOptions.defaults());
      Composer composer =
          new Composer(new ParserImpl(new StreamReader(text), options), new PlainScalarResolver(), options);
      List<Node> docs = new ArrayList<>();
      while (composer.checkNode()) {
        docs.add(composer.getNode());
      }
      return docs;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Asserts the property; returns whether BlockComposer took the text. */
  public static boolean agrees(String text) {
    List<Node> fast = BlockComposer.compose(text, new PlainScalarResolver());
    List<Node> reference = snakeyaml(text);
    if (reference == null) {
      assertNull(fast, () -> "snakeyaml rejects this, BlockComposer took it:\n" + text);
      return false;
    }
    if (fast == null) {
      return false;
    }
    assertEquals(reference.size(), fast.size(), () -> "documents of\n" + text);
    for (int i = 0; i < fast.size(); i++) {
      same(reference.get(i), fast.get(i), true, "doc" + i, text);
    }
    return true;
  }

  /**
   * Asserts that two node trees are the same: kind, tag, scalar value and style, flow style, children, and with
   * {@code marks} the start line and column of every node.
   */
  public static void same(Node want, Node got, boolean marks, String path, String text) {
    String where = path + " in\n" + text;
    assertEquals(want.getClass(), got.getClass(), where);
    assertEquals(want.getTag(), got.getTag(), where);
    if (marks) {
      assertEquals(want.getStartMark().getLine(), got.getStartMark().getLine(), () -> "line of " + where);
      assertEquals(want.getStartMark().getColumn(), got.getStartMark().getColumn(), () -> "column of " + where);
    }
    if (want instanceof ScalarNode w) {
      ScalarNode g = (ScalarNode) got;
      assertEquals(w.getValue(), g.getValue(), where);
      assertEquals(w.getScalarStyle(), g.getScalarStyle(), where);
    } else if (want instanceof SequenceNode w) {
      SequenceNode g = (SequenceNode) got;
      assertEquals(w.getFlowStyle(), g.getFlowStyle(), where);
      assertEquals(w.getValue().size(), g.getValue().size(), where);
      for (int i = 0; i < w.getValue().size(); i++) {
        same(w.getValue().get(i), g.getValue().get(i), marks, path + "[" + i + "]", text);
      }
    } else {
      MappingNode w = (MappingNode) want;
      MappingNode g = (MappingNode) got;
      assertEquals(w.getFlowStyle(), g.getFlowStyle(), where);
      assertEquals(w.getValue().size(), g.getValue().size(), where);
      for (int i = 0; i < w.getValue().size(); i++) {
        NodeTuple wt = w.getValue().get(i);
        NodeTuple gt = g.getValue().get(i);
        same(wt.getKeyNode(), gt.getKeyNode(), marks, path + ".key" + i, text);
        same(wt.getValueNode(), gt.getValueNode(), marks, path + ".value" + i, text);
      }
    }
  }
}

package io.rbacaudit.load;

import java.util.ArrayList;
import java.util.List;
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
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes the part of YAML that manifests are nearly always written in (block mappings and sequences, one-line
 * plain and quoted scalars, literal and folded block scalars, one-line flow sequences of scalars, comments and
 * {@code ---}) into the very nodes snakeyaml's composer makes of it (tags from the same resolver, values, styles,
 * start marks), several times faster: snakeyaml's scanner, parser and composer cost most of a large load. Anything
 * outside that part (anchors, tags, multi-line plain or quoted scalars, escapes, flow mappings, tabs, CR, control
 * characters, a document's unusual indentation...) or anything snakeyaml would reject makes the whole text go to
 * snakeyaml instead: {@link #compose} returns null. BlockComposerTest holds the two to the same nodes on the corpus
 * and on generated and mutated text, and a fuzz target does the same. End marks of collections are not snakeyaml's
 * (nothing reads them).
 */
final class BlockComposer {

  private static final RuntimeException OUTSIDE = YamlLines.OUTSIDE;
  /** Well under snakeyaml's nesting limit, so a deep document goes to snakeyaml and gets its error. */
  private static final int MAX_DEPTH = 50;
  /** snakeyaml refuses a simple key longer than 1024 characters; anything near that goes to it. */
  private static final int MAX_KEY = 1000;

  private final YamlLines in;
  private final char[] s;
  private final Resolver resolver;
  private int depth;

  private BlockComposer(YamlLines in, Resolver resolver) {
    this.in = in;
    this.s = in.s;
    this.resolver = resolver;
  }

  /** The documents of text, or null when some of it is outside the subset (then snakeyaml must read it all). */
  static List<Node> compose(String text, Resolver resolver) {
    char[] s = text.toCharArray();
    if (!plainCharacters(s)) {
      return null;
    }
    try {
      return new BlockComposer(new YamlLines(text, s), resolver).documents();
    } catch (YamlLines.Outside e) {
      return null;
    }
  }

  /** No tab, CR, control character, non-BMP, BOM or YAML 1.1 line break (NEL, LS, PS) anywhere. */
  private static boolean plainCharacters(char[] s) {
    for (char c : s) {
      if (c < 0x20 ? c != '\n' : (c >= 0x7F && c <= 0x9F) || c >= 0xD800 || c == 0x2028 || c == 0x2029) {
        return false;
      }
    }
    return true;
  }

  private List<Node> documents() {
    List<Node> docs = new ArrayList<>();
    while (true) {
      in.skipNonContent();
      if (in.atEnd()) {
        return docs;
      }
      boolean explicit = in.documentStart();
      if (explicit) {
        in.expectLineEnd(in.start + 3);
        in.nextLine();
        in.skipNonContent();
      }
      int indent = in.contentIndent();
      if (indent < 0) {
        if (explicit) {
          docs.add(emptyScalar(in.atEnd() ? in.endOfText() : in.mark(in.start)));
        }
        continue;
      }
      Node root = node(-1, in.start + indent);
      if (root instanceof ScalarNode) {
        throw OUTSIDE; // a document that is one scalar may span lines in ways this class does not follow
      }
      docs.add(root);
      if (in.contentIndent() >= 0) {
        throw OUTSIDE;
      }
    }
  }

  /** A mapping, sequence or scalar starting at p on the current line, inside a collection indented by parent. */
  private Node node(int parent, int p) {
    int column = p - in.start;
    if (in.entry(p)) {
      return sequence(column);
    }
    return colon(p) >= 0 ? mapping(column) : scalar(parent, p);
  }

  private Node mapping(int column) {
    enter();
    List<NodeTuple> tuples = new ArrayList<>();
    Mark start = in.mark(in.start + column);
    while (true) {
      int p = in.start + column;
      int colon = colon(p);
      if (colon < 0) {
        throw OUTSIDE;
      }
      Node key = key(p, colon);
      int v = in.skipSpaces(colon + 1);
      Node value;
      if (v == in.end || s[v] == '#') {
        Mark empty = in.mark(colon + 1);
        in.nextLine();
        int indent = in.contentIndent();
        if (indent > column) {
          value = node(column, in.start + indent);
        } else if (indent == column && in.entry(in.start + column)) {
          value = sequence(column);
        } else {
          value = emptyScalar(empty);
        }
      } else {
        value = scalar(column, v);
      }
      tuples.add(new NodeTuple(key, value));
      int indent = in.contentIndent();
      if (indent < column) {
        depth--;
        return new MappingNode(Tag.MAP, true, tuples, start, value.getEndMark(), FlowStyle.BLOCK);
      }
      if (indent > column || in.entry(in.start + column)) {
        throw OUTSIDE;
      }
    }
  }

  private Node sequence(int column) {
    enter();
    List<Node> items = new ArrayList<>();
    Mark start = in.mark(in.start + column);
    while (true) {
      int dash = in.start + column;
      int v = in.skipSpaces(dash + 1);
      Node item;
      if (v == in.end || s[v] == '#') {
        Mark empty = in.mark(dash + 1);
        in.nextLine();
        int indent = in.contentIndent();
        item = indent > column ? node(column, in.start + indent) : emptyScalar(empty);
      } else {
        item = node(column, v);
      }
      items.add(item);
      int indent = in.contentIndent();
      if (indent < column || (indent == column && !in.entry(in.start + column))) {
        depth--; // a key line at this column ends an indentless sequence; the mapping it belongs to checks it
        return new SequenceNode(Tag.SEQ, true, items, start, item.getEndMark(), FlowStyle.BLOCK);
      }
      if (indent > column) {
        throw OUTSIDE;
      }
    }
  }

  /** A scalar (or one-line flow sequence) at p; whatever follows on later lines must not continue it. */
  private Node scalar(int parent, int p) {
    char c = s[p];
    if (c == '|' || c == '>') {
      return BlockScalar.read(in, parent, p);
    }
    Node node;
    if (c == '[') {
      node = flowSequence(p);
    } else if (c == '{') {
      int close = in.skipSpaces(p + 1);
      if (close == in.end || s[close] != '}') {
        throw OUTSIDE;
      }
      node = new MappingNode(Tag.MAP, true, new ArrayList<>(), in.mark(p), in.mark(close + 1), FlowStyle.FLOW);
    } else if (c == '\'' || c == '"') {
      node = quoted(p, closingQuote(p) + 1);
    } else {
      node = plain(p, plainEnd(p, false));
    }
    int end = node.getEndMark().getIndex(); // every node here ends on this line, where its end mark is
    in.expectLineEnd(end);
    in.nextLine();
    if (in.contentIndent() > parent) {
      throw OUTSIDE; // a continuation line, or a node where none may be
    }
    return node;
  }

  private Node key(int p, int colon) {
    if (colon - p > MAX_KEY) {
      throw OUTSIDE;
    }
    if (s[p] == '\'' || s[p] == '"') {
      return quoted(p, closingQuote(p) + 1);
    }
    int end = colon;
    while (s[end - 1] == ' ') {
      end--;
    }
    return plain(p, end);
  }

  /**
   * The ':' that makes the line at p a key line (a key, then ": " or ":" at the line's end), or -1. Only keys that
   * are one plain or quoted scalar on this line count; anything else is not a key line here.
   */
  private int colon(int p) {
    int i;
    if (s[p] == '\'' || s[p] == '"') {
      int close = quoteEnd(p);
      if (close < 0) {
        return -1;
      }
      i = in.skipSpaces(close + 1);
      return i < in.end && s[i] == ':' && (i + 1 == in.end || s[i + 1] == ' ') ? i : -1;
    }
    if (!plainStart(p, false)) {
      return -1;
    }
    for (i = p; i < in.end; i++) {
      char c = s[i];
      if (c == ':' && (i + 1 == in.end || s[i + 1] == ' ')) {
        return i;
      }
      if (c == '#' && s[i - 1] == ' ') {
        return -1;
      }
    }
    return -1;
  }

  private boolean plainStart(int p, boolean flow) {
    char c = s[p];
    if (c == '-') {
      return p + 1 < in.end && s[p + 1] != ' ' && !(flow && ",[]{}".indexOf(s[p + 1]) >= 0);
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }

  /** Where a plain scalar at p ends (trailing spaces excluded); a ": " inside is outside the subset. */
  private int plainEnd(int p, boolean flow) {
    if (!plainStart(p, flow)) {
      throw OUTSIDE;
    }
    int end = p;
    for (int i = p; i < in.end; i++) {
      char c = s[i];
      if (flow ? ",]".indexOf(c) >= 0 : c == '#' && s[i - 1] == ' ') {
        break;
      }
      boolean indicator = c == ':' && (i + 1 == in.end || (flow ? " ,[]{}" : " ").indexOf(s[i + 1]) >= 0);
      if (indicator || flow && ("?[{}".indexOf(c) >= 0 || c == '#' && s[i - 1] == ' ')) {
        throw OUTSIDE; // a mapping value, or in a flow sequence a pair, a nested collection or a comment
      }
      if (c != ' ') {
        end = i + 1;
      }
    }
    return end;
  }

  private ScalarNode plain(int p, int end) {
    String value = new String(s, p, end - p);
    if (value.equals("<<")) {
      throw OUTSIDE; // a merge key: snakeyaml merges it on compose
    }
    Tag tag = resolver.resolve(NodeId.scalar, value, true);
    return new ScalarNode(tag, true, value, in.mark(p), in.mark(end), ScalarStyle.PLAIN);
  }

  /** The closing quote of the scalar opened at p, on this line. */
  private int closingQuote(int p) {
    int close = quoteEnd(p);
    if (close < 0) {
      throw OUTSIDE;
    }
    return close;
  }

  /** The closing quote of the scalar opened at p, or -1 if it is not on this line or holds an escape. */
  private int quoteEnd(int p) {
    char q = s[p];
    for (int i = p + 1; i < in.end; i++) {
      if (s[i] == '\\' && q == '"') {
        return -1;
      }
      if (s[i] == q) {
        if (q == '\'' && i + 1 < in.end && s[i + 1] == '\'') {
          i++;
          continue;
        }
        return i;
      }
    }
    return -1;
  }

  private ScalarNode quoted(int p, int end) {
    String value = new String(s, p + 1, end - p - 2);
    boolean single = s[p] == '\'';
    if (single && value.indexOf('\'') >= 0) {
      value = value.replace("''", "'");
    }
    return new ScalarNode(Tag.STR, true, value, in.mark(p), in.mark(end),
        single ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED);
  }

  /** {@code [a, "b", 'c']} on one line, items scalars only. */
  private SequenceNode flowSequence(int p) {
    List<Node> items = new ArrayList<>();
    int i = in.skipSpaces(p + 1);
    while (i < in.end && s[i] != ']') {
      int end = s[i] == '\'' || s[i] == '"' ? closingQuote(i) + 1 : plainEnd(i, true);
      items.add(s[i] == '\'' || s[i] == '"' ? quoted(i, end) : plain(i, end));
      i = in.skipSpaces(end);
      if (i < in.end && s[i] == ',') {
        i = in.skipSpaces(i + 1);
      } else if (i == in.end || s[i] != ']') {
        throw OUTSIDE;
      }
    }
    if (i == in.end) {
      throw OUTSIDE;
    }
    return new SequenceNode(Tag.SEQ, true, items, in.mark(p), in.mark(i + 1), FlowStyle.FLOW);
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  private ScalarNode emptyScalar(Mark at) {
    return new ScalarNode(resolver.resolve(NodeId.scalar, "", true), true, "", at, at, ScalarStyle.PLAIN);
  }

}

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

  /** Leaving the subset: control flow, so no stack trace. */
  private static final class Outside extends RuntimeException {
    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();
  /** Well under snakeyaml's nesting limit, so a deep document goes to snakeyaml and gets its error. */
  private static final int MAX_DEPTH = 50;
  /** snakeyaml refuses a simple key longer than 1024 characters; anything near that goes to it. */
  private static final int MAX_KEY = 1000;
  private static final int[] NO_SNIPPET = new int[0];
  private static final String MARK_NAME = "'string'";

  private final String text;
  private final char[] s;
  private final Resolver resolver;
  private int lineStart;
  private int lineEnd;
  /** Leading spaces of the current line. */
  private int lineIndent;
  private int lineNo;
  private int depth;

  private BlockComposer(String text, char[] s, Resolver resolver) {
    this.text = text;
    this.s = s;
    this.resolver = resolver;
    lineEnd = -1;
  }

  /** The documents of text, or null when some of it is outside the subset (then snakeyaml must read it all). */
  static List<Node> compose(String text, Resolver resolver) {
    char[] s = text.toCharArray();
    if (!plainCharacters(s)) {
      return null;
    }
    try {
      BlockComposer c = new BlockComposer(text, s, resolver);
      c.line(0, 0);
      return c.documents();
    } catch (Outside e) {
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
      skipNonContent();
      if (atEnd()) {
        return docs;
      }
      boolean explicit = documentStart();
      if (explicit) {
        expectLineEnd(lineStart + 3);
        nextLine();
        skipNonContent();
      }
      int indent = contentIndent();
      if (indent < 0) {
        if (explicit) {
          docs.add(emptyScalar(atEnd() ? endOfText() : mark(lineStart)));
        }
        continue;
      }
      Node root = node(-1, lineStart + indent);
      if (root instanceof ScalarNode) {
        throw OUTSIDE; // a document that is one scalar may span lines in ways this class does not follow
      }
      docs.add(root);
      if (contentIndent() >= 0) {
        throw OUTSIDE;
      }
    }
  }

  /** A mapping, sequence or scalar starting at p on the current line, inside a collection indented by parent. */
  private Node node(int parent, int p) {
    int column = p - lineStart;
    if (entry(p)) {
      return sequence(column);
    }
    return colon(p) >= 0 ? mapping(column) : scalar(parent, p);
  }

  private Node mapping(int column) {
    enter();
    List<NodeTuple> tuples = new ArrayList<>();
    Mark start = mark(lineStart + column);
    while (true) {
      int p = lineStart + column;
      int colon = colon(p);
      if (colon < 0) {
        throw OUTSIDE;
      }
      Node key = key(p, colon);
      int v = skipSpaces(colon + 1);
      Node value;
      if (v == lineEnd || s[v] == '#') {
        Mark empty = mark(colon + 1);
        nextLine();
        int indent = contentIndent();
        if (indent > column) {
          value = node(column, lineStart + indent);
        } else if (indent == column && entry(lineStart + column)) {
          value = sequence(column);
        } else {
          value = emptyScalar(empty);
        }
      } else {
        value = scalar(column, v);
      }
      tuples.add(new NodeTuple(key, value));
      int indent = contentIndent();
      if (indent < column) {
        depth--;
        return new MappingNode(Tag.MAP, true, tuples, start, value.getEndMark(), FlowStyle.BLOCK);
      }
      if (indent > column || entry(lineStart + column)) {
        throw OUTSIDE;
      }
    }
  }

  private Node sequence(int column) {
    enter();
    List<Node> items = new ArrayList<>();
    Mark start = mark(lineStart + column);
    while (true) {
      int dash = lineStart + column;
      int v = skipSpaces(dash + 1);
      Node item;
      if (v == lineEnd || s[v] == '#') {
        Mark empty = mark(dash + 1);
        nextLine();
        int indent = contentIndent();
        item = indent > column ? node(column, lineStart + indent) : emptyScalar(empty);
      } else {
        item = node(column, v);
      }
      items.add(item);
      int indent = contentIndent();
      if (indent < column || (indent == column && !entry(lineStart + column))) {
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
      return BlockScalar.read(this, parent, p);
    }
    Node node;
    int end;
    if (c == '[') {
      node = flowSequence(p);
      end = flowEnd;
    } else if (c == '{') {
      end = skipSpaces(p + 1);
      if (end == lineEnd || s[end] != '}') {
        throw OUTSIDE;
      }
      end++;
      node = new MappingNode(Tag.MAP, true, new ArrayList<>(), mark(p), mark(end), FlowStyle.FLOW);
    } else if (c == '\'' || c == '"') {
      end = closingQuote(p) + 1;
      node = quoted(p, end);
    } else {
      end = plainEnd(p, false);
      node = plain(p, end);
    }
    expectLineEnd(end);
    nextLine();
    if (contentIndent() > parent) {
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
      i = skipSpaces(close + 1);
      return i < lineEnd && s[i] == ':' && (i + 1 == lineEnd || s[i + 1] == ' ') ? i : -1;
    }
    if (!plainStart(p, false)) {
      return -1;
    }
    for (i = p; i < lineEnd; i++) {
      char c = s[i];
      if (c == ':' && (i + 1 == lineEnd || s[i + 1] == ' ')) {
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
      return p + 1 < lineEnd && s[p + 1] != ' ' && !(flow && ",[]{}".indexOf(s[p + 1]) >= 0);
    }
    return "?:,[]{}#&*!|>'\"%@`".indexOf(c) < 0;
  }

  /** Where a plain scalar at p ends (trailing spaces excluded); a ": " inside is outside the subset. */
  private int plainEnd(int p, boolean flow) {
    if (!plainStart(p, flow)) {
      throw OUTSIDE;
    }
    int end = p;
    for (int i = p; i < lineEnd; i++) {
      char c = s[i];
      if (flow ? ",]".indexOf(c) >= 0 : c == '#' && s[i - 1] == ' ') {
        break;
      }
      boolean indicator = c == ':' && (i + 1 == lineEnd || (flow ? " ,[]{}" : " ").indexOf(s[i + 1]) >= 0);
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
    return new ScalarNode(tag, true, value, mark(p), mark(end), ScalarStyle.PLAIN);
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
    for (int i = p + 1; i < lineEnd; i++) {
      if (s[i] == '\\' && q == '"') {
        return -1;
      }
      if (s[i] == q) {
        if (q == '\'' && i + 1 < lineEnd && s[i + 1] == '\'') {
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
    return new ScalarNode(Tag.STR, true, value, mark(p), mark(end),
        single ? ScalarStyle.SINGLE_QUOTED : ScalarStyle.DOUBLE_QUOTED);
  }

  /** Set by {@link #flowSequence}: just after its ']'. */
  private int flowEnd;

  /** {@code [a, "b", 'c']} on one line, items scalars only. */
  private SequenceNode flowSequence(int p) {
    List<Node> items = new ArrayList<>();
    int i = skipSpaces(p + 1);
    while (i < lineEnd && s[i] != ']') {
      int end = s[i] == '\'' || s[i] == '"' ? closingQuote(i) + 1 : plainEnd(i, true);
      items.add(s[i] == '\'' || s[i] == '"' ? quoted(i, end) : plain(i, end));
      i = skipSpaces(end);
      if (i < lineEnd && s[i] == ',') {
        i = skipSpaces(i + 1);
      } else if (i == lineEnd || s[i] != ']') {
        throw OUTSIDE;
      }
    }
    if (i == lineEnd) {
      throw OUTSIDE;
    }
    flowEnd = i + 1;
    return new SequenceNode(Tag.SEQ, true, items, mark(p), mark(flowEnd), FlowStyle.FLOW);
  }

  // ---- lines

  /** Makes the line starting at start (line number no) current. */
  void line(int start, int no) {
    lineStart = start;
    lineNo = no;
    int end = text.indexOf('\n', start);
    lineEnd = end < 0 ? s.length : end;
    lineIndent = skipSpaces(start) - start;
  }

  void nextLine() {
    line(Math.min(lineEnd + 1, s.length), lineEnd < s.length ? lineNo + 1 : lineNo);
  }

  boolean atEnd() {
    return lineStart >= s.length;
  }

  /** Moves past blank and comment lines. */
  void skipNonContent() {
    while (!atEnd()) {
      int p = lineStart + lineIndent;
      if (p < lineEnd && s[p] != '#') {
        return;
      }
      nextLine();
    }
  }

  /** The indentation of the next content line (moving to it), or -1 at the end or at a document marker. */
  int contentIndent() {
    skipNonContent();
    if (atEnd() || documentStart()) {
      return -1;
    }
    if (s[lineStart] == '.' && marker(".") || s[lineStart] == '%') {
      throw OUTSIDE; // document end markers and directives
    }
    return lineIndent;
  }

  private boolean documentStart() {
    return s[lineStart] == '-' && marker("-");
  }

  /** "---" or "..." (three of c) alone or followed by a space at the start of the line. */
  private boolean marker(String c) {
    int p = lineStart;
    return p + 3 <= lineEnd && s[p + 1] == c.charAt(0) && s[p + 2] == c.charAt(0)
        && (p + 3 == lineEnd || s[p + 3] == ' ');
  }

  private boolean entry(int p) {
    return s[p] == '-' && (p + 1 == lineEnd || s[p + 1] == ' ');
  }

  /** After a node ending at p: only spaces and a comment may follow on its line. */
  private void expectLineEnd(int p) {
    int i = skipSpaces(p);
    if (i < lineEnd && (s[i] != '#' || i == p)) {
      throw OUTSIDE;
    }
  }

  int skipSpaces(int p) {
    while (p < lineEnd && s[p] == ' ') {
      p++;
    }
    return p;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  // ---- nodes and marks

  /** A mark on the current line. */
  Mark mark(int p) {
    return new Mark(MARK_NAME, p, lineNo, p - lineStart, NO_SNIPPET, 0);
  }

  /** Where snakeyaml's stream end is: after the last line break, or at the end of an unterminated last line. */
  private Mark endOfText() {
    int last = s.length - 1;
    while (last >= 0 && s[last] != '\n') {
      last--;
    }
    return new Mark(MARK_NAME, s.length, lineNo, s.length - last - 1, NO_SNIPPET, 0);
  }

  private ScalarNode emptyScalar(Mark at) {
    return new ScalarNode(resolver.resolve(NodeId.scalar, "", true), true, "", at, at, ScalarStyle.PLAIN);
  }

  char[] chars() {
    return s;
  }

  int lineStart() {
    return lineStart;
  }

  int lineEnd() {
    return lineEnd;
  }

  int lineIndent() {
    return lineIndent;
  }

  static Outside outside() {
    return OUTSIDE;
  }
}

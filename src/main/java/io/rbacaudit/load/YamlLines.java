package io.rbacaudit.load;

import org.yaml.snakeyaml.error.Mark;

/**
 * The line cursor of {@link BlockComposer} and {@link BlockScalar}: the text, its current line (where it starts and
 * ends, its indentation and number), the line-level YAML syntax (blank and comment lines, document markers,
 * sequence entries) and snakeyaml marks on the line. Fields are read directly by the two composing classes.
 */
final class YamlLines {

  /** Leaving the subset: control flow, so no stack trace. */
  static final class Outside extends RuntimeException {
    Outside() {
      super(null, null, false, false);
    }
  }

  static final Outside OUTSIDE = new Outside();
  private static final int[] NO_SNIPPET = new int[0];
  private static final String MARK_NAME = "'string'";

  final char[] s;
  private final String text;
  /** The current line: its first character, its '\n' (or the end of the text), its leading spaces, its number. */
  int start;
  int end;
  int indent;
  int no;

  YamlLines(String text, char[] s) {
    this.text = text;
    this.s = s;
    line(0, 0);
  }

  /** Makes the line starting at from (line number number) current. */
  private void line(int from, int number) {
    start = from;
    no = number;
    int newline = text.indexOf('\n', from);
    end = newline < 0 ? s.length : newline;
    indent = skipSpaces(from) - from;
  }

  void nextLine() {
    line(Math.min(end + 1, s.length), end < s.length ? no + 1 : no);
  }

  boolean atEnd() {
    return start >= s.length;
  }

  /** Moves past blank and comment lines. */
  void skipNonContent() {
    while (!atEnd()) {
      int p = start + indent;
      if (p < end && s[p] != '#') {
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
    if (marker('.') || s[start] == '%') {
      throw OUTSIDE; // document end markers and directives
    }
    return indent;
  }

  boolean documentStart() {
    return marker('-');
  }

  /** "---" or "..." (three of c) alone or followed by a space at the start of the line. */
  private boolean marker(char c) {
    int p = start;
    return p + 3 <= end && s[p] == c && s[p + 1] == c && s[p + 2] == c && (p + 3 == end || s[p + 3] == ' ');
  }

  boolean entry(int p) {
    return s[p] == '-' && (p + 1 == end || s[p + 1] == ' ');
  }

  /** After a node ending at p: only spaces and a comment may follow on its line. */
  void expectLineEnd(int p) {
    int i = skipSpaces(p);
    if (i < end && (s[i] != '#' || i == p)) {
      throw OUTSIDE;
    }
  }

  int skipSpaces(int p) {
    while (p < end && s[p] == ' ') {
      p++;
    }
    return p;
  }

  /** A mark on the current line. */
  Mark mark(int p) {
    return new Mark(MARK_NAME, p, no, p - start, NO_SNIPPET, 0);
  }

  /** Where snakeyaml's stream end is: after the last line break, or at the end of an unterminated last line. */
  Mark endOfText() {
    int last = s.length - 1;
    while (last >= 0 && s[last] != '\n') {
      last--;
    }
    return new Mark(MARK_NAME, s.length, no, s.length - last - 1, NO_SNIPPET, 0);
  }
}

package io.rbacaudit.load;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Literal ({@code |}) and folded ({@code >}) block scalars for {@link BlockComposer}, indented, folded and chomped
 * as snakeyaml's scanner does it. An explicit indentation indicator, blank lines before the first line of content
 * or an empty scalar are left to snakeyaml.
 */
final class BlockScalar {

  private BlockScalar() {}

  /** The scalar whose indicator is at p, inside a collection indented by parent; moves past its lines. */
  static ScalarNode read(YamlLines c, int parent, int p) {
    char[] s = c.s;
    boolean folded = s[p] == '>';
    int i = p + 1;
    int chomp = 0; // -1 strip, 0 clip, +1 keep
    if (i < c.end && (s[i] == '-' || s[i] == '+')) {
      chomp = s[i] == '-' ? -1 : 1;
      i++;
    }
    int h = c.skipSpaces(i);
    if (h < c.end && (s[h] != '#' || h == i)) {
      throw YamlLines.OUTSIDE; // an indentation indicator, or text after the header
    }
    Mark start = c.mark(p);
    c.nextLine();
    int indent = c.atEnd() ? -1 : c.indent;
    if (indent < Math.max(parent + 1, 1) || c.start + indent == c.end) {
      throw YamlLines.OUTSIDE;
    }
    StringBuilder value = new StringBuilder();
    int breaks = 0;
    boolean lineBreak;
    while (true) {
      int from = c.start + indent;
      newlines(value, breaks);
      boolean leadingNonSpace = s[from] != ' ';
      value.append(s, from, c.end - from);
      lineBreak = c.end < s.length;
      c.nextLine();
      breaks = blankLines(c, indent);
      if (!content(c, indent)) {
        break;
      }
      if (!folded || !leadingNonSpace || s[c.start + indent] == ' ') {
        value.append('\n');
      } else if (breaks == 0) {
        value.append(' ');
      }
    }
    if (chomp >= 0 && lineBreak) {
      value.append('\n');
    }
    if (chomp > 0) {
      newlines(value, breaks);
    }
    return new ScalarNode(Tag.STR, true, value.toString(), start, c.mark(c.start),
        folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL);
  }

  private static void newlines(StringBuilder value, int n) {
    for (int k = 0; k < n; k++) {
      value.append('\n');
    }
  }

  /** Skips the lines that are only line breaks at this indentation (up to indent spaces, then '\n'). */
  private static int blankLines(YamlLines c, int indent) {
    int n = 0;
    while (!c.atEnd()) {
      int spaces = c.indent;
      if (spaces > indent || c.start + spaces < c.end || c.end == c.s.length) {
        return n;
      }
      n++;
      c.nextLine();
    }
    return n;
  }

  /** Whether the current line continues the scalar: indent spaces, then something on the same line. */
  private static boolean content(YamlLines c, int indent) {
    if (c.atEnd()) {
      return false;
    }
    int spaces = c.indent;
    return spaces >= indent && c.start + indent < c.end;
  }
}

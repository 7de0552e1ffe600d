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
  static ScalarNode read(BlockComposer c, int parent, int p) {
    char[] s = c.chars();
    boolean folded = s[p] == '>';
    int i = p + 1;
    int chomp = 0; // -1 strip, 0 clip, +1 keep
    if (i < c.lineEnd() && (s[i] == '-' || s[i] == '+')) {
      chomp = s[i] == '-' ? -1 : 1;
      i++;
    }
    int h = c.skipSpaces(i);
    if (h < c.lineEnd() && (s[h] != '#' || h == i)) {
      throw BlockComposer.outside(); // an indentation indicator, or text after the header
    }
    Mark start = c.mark(p);
    c.nextLine();
    int indent = c.atEnd() ? -1 : c.lineIndent();
    if (indent < Math.max(parent + 1, 1) || c.lineStart() + indent == c.lineEnd()) {
      throw BlockComposer.outside();
    }
    StringBuilder value = new StringBuilder();
    int breaks = 0;
    boolean lineBreak;
    while (true) {
      int from = c.lineStart() + indent;
      newlines(value, breaks);
      boolean leadingNonSpace = s[from] != ' ';
      value.append(s, from, c.lineEnd() - from);
      lineBreak = c.lineEnd() < s.length;
      c.nextLine();
      breaks = blankLines(c, indent);
      if (!content(c, indent)) {
        break;
      }
      if (!folded || !leadingNonSpace || s[c.lineStart() + indent] == ' ') {
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
    return new ScalarNode(Tag.STR, true, value.toString(), start, c.mark(c.lineStart()),
        folded ? ScalarStyle.FOLDED : ScalarStyle.LITERAL);
  }

  private static void newlines(StringBuilder value, int n) {
    for (int k = 0; k < n; k++) {
      value.append('\n');
    }
  }

  /** Skips the lines that are only line breaks at this indentation (up to indent spaces, then '\n'). */
  private static int blankLines(BlockComposer c, int indent) {
    int n = 0;
    while (!c.atEnd()) {
      int spaces = c.lineIndent();
      if (spaces > indent || c.lineStart() + spaces < c.lineEnd() || c.lineEnd() == c.chars().length) {
        return n;
      }
      n++;
      c.nextLine();
    }
    return n;
  }

  /** Whether the current line continues the scalar: indent spaces, then something on the same line. */
  private static boolean content(BlockComposer c, int indent) {
    if (c.atEnd()) {
      return false;
    }
    int spaces = c.lineIndent();
    return spaces >= indent && c.lineStart() + indent < c.lineEnd();
  }
}

package io.rbacaudit.report;

/**
 * Makes text from manifests inert in GitHub-flavoured markdown: it renders as the same characters and can create
 * no link, image, HTML, emphasis, code span, table break, mention or autolink.
 *
 * <p>The characters that open markdown constructs inside a line are backslash-escaped ({@code \ ` * _ [ ] ( ) ! |
 * # ~ $}); {@code < > &} become entities, so no raw {@code <} reaches the renderer; a leading {@code - + =} or
 * {@code 1.} is escaped so the text cannot open a list or heading. Autolinks and references that GitHub finds in
 * plain text ({@code http://}, {@code www.}, {@code user@host}, {@code @team}, {@code #123}) are broken with a
 * zero-width space. Line breaks become spaces (a table row is one line); control and bidirectional characters are
 * shown as {@code \}u escapes, as in the terminal. Code spans are never used for input: a backtick in the input
 * could close them.
 */
final class MarkdownText {

  static final char BREAK = '\u200b';

  private static final String ESCAPED = "\\`*_[]()!|#~$";

  private MarkdownText() {}

  /** Inline text for a table cell, list item or heading. */
  static String inline(String raw) {
    String s = TerminalText.safe(Wording.oneLine(raw).replace('\u2028', ' ').replace('\u2029', ' '));
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case ':' -> sb.append(s.startsWith("//", i + 1) ? ":" + BREAK : ":");
        case '@' -> sb.append('@').append(BREAK);
        case '#' -> sb.append(i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)) ? "\\#" + BREAK : "\\#");
        default -> {
          if (s.regionMatches(true, i, "www.", 0, 4)) {
            sb.append(s, i, i + 3).append(BREAK);
            i += 2;
          } else if (ESCAPED.indexOf(c) >= 0 || (i == 0 && "-+=".indexOf(c) >= 0) || orderedListMark(s, i)) {
            sb.append('\\').append(c);
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** A link only for a plain http(s) URL with no character that could end the link early; otherwise inert text. */
  static String reference(String raw) {
    String s = raw == null ? "" : raw.strip();
    if (s.matches("https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+") && !s.contains("](")) {
      return "[" + inline(s) + "](" + s + ")";
    }
    return inline(s);
  }

  /** The dot or parenthesis of a leading {@code 12.}, which would open an ordered list. */
  private static boolean orderedListMark(String s, int i) {
    return (s.charAt(i) == '.' || s.charAt(i) == ')') && i > 0 && s.chars().limit(i).allMatch(Character::isDigit);
  }
}

package io.rbacaudit.report;

/**
 * Makes text from manifests safe to print to a terminal: control characters (escape sequences), and Unicode
 * bidirectional and invisible formatting characters, are shown as {@code \}u escapes instead of being sent raw.
 */
public final class TerminalText {

  private TerminalText() {}

  public static String safe(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (needsEscape(c)) {
        if (out == null) {
          out = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? s : out.toString();
  }

  static boolean needsEscape(char c) {
    return c < 0x20
        || (c >= 0x7f && c <= 0x9f)
        || (c >= 0x200b && c <= 0x200f) // zero-width and directional marks
        || (c >= 0x202a && c <= 0x202e) // bidi embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // bidi isolates
        || c == 0x061c
        || c == 0xfeff;
  }
}

package io.rbacaudit.report;

/**
 * JSON made safe to place inside a {@code <script type="application/json">} element. The HTML parser ends a script
 * element at the first {@code </script}, whatever JSON means there, and treats {@code <!--} specially; escaping every
 * {@code <}, {@code >} and {@code &} as a JSON unicode escape keeps the text inert without changing what
 * {@code JSON.parse} returns. U+2028 and U+2029 are escaped too, for readers that still treat JSON as JavaScript.
 */
final class ScriptJson {

  private ScriptJson() {}

  static String embed(String json) {
    StringBuilder sb = new StringBuilder(json.length() + 64);
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      switch (c) {
        case '<' -> sb.append("\\u003c");
        case '>' -> sb.append("\\u003e");
        case '&' -> sb.append("\\u0026");
        case '\u2028' -> sb.append("\\u2028");
        case '\u2029' -> sb.append("\\u2029");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}

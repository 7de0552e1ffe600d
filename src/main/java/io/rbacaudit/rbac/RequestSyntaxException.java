package io.rbacaudit.rbac;

/**
 * A request or identity given on the command line cannot be understood. The message is one line, meant for the user
 * as it stands (the CLI prints it and exits with code 2).
 */
public final class RequestSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RequestSyntaxException(String message) {
    super(oneLine(message));
  }

  /**
   * Control characters a user typed (a newline inside a quoted verb, say) are shown as escapes, so a message stays
   * one line whatever the input.
   */
  static String oneLine(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

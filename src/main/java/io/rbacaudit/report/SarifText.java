package io.rbacaudit.report;

import io.rbacaudit.model.Location;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** SARIF's text rules: plain-text messages without live embedded links, and file paths as URI references. */
final class SarifText {

  private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:/.*");

  private SarifText() {}

  /**
   * A plain-text SARIF message: square brackets from the input are escaped (SARIF section 3.11.6) so that no
   * {@code [text](target)} embedded link can come from a manifest, and control and bidirectional characters are
   * shown as {@code \}u escapes, as in the terminal (line breaks are kept).
   */
  static String message(String raw) {
    String s = raw == null ? "" : raw;
    return plain(s) ? s : escaped(s);
  }

  /** Nothing to escape, the common case: no bracket, and nothing the terminal rules escape (line breaks included). */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == ']' || TerminalText.needsEscape(c)) {
        return false;
      }
    }
    return true;
  }

  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[' || c == ']') {
        sb.append('\\').append(c);
      } else if (c == '\\' && i + 1 < s.length() && (s.charAt(i + 1) == '[' || s.charAt(i + 1) == ']')) {
        sb.append("\\\\");
      } else {
        sb.append(c);
      }
    }
    List<String> lines = new ArrayList<>();
    for (String line : sb.toString().replace("\r\n", "\n").split("\n", -1)) {
      lines.add(TerminalText.safe(line));
    }
    return String.join("\n", lines);
  }

  /** A location in a manifest file: not a built-in role, not standard input, not a cluster object. */
  static boolean inFile(Location l) {
    return l != null && l.file() != null && !l.file().isEmpty() && !l.isBuiltIn() && !"-".equals(l.file());
  }

  static boolean isAbsolute(String file) {
    String f = file.replace('\\', '/');
    return f.startsWith("/") || DRIVE.matcher(f).matches();
  }

  /**
   * The path as a URI reference: relative paths stay relative (resolved against {@code %SRCROOT%}), absolute ones
   * become {@code file:} URIs; characters a URI path cannot hold are percent-encoded (UTF-8).
   */
  static String uri(String file) {
    String f = file.replace('\\', '/');
    if (DRIVE.matcher(f).matches()) {
      return "file:///" + f.substring(0, 2) + encode(f.substring(2));
    }
    if (f.startsWith("/")) {
      return "file://" + encode(f);
    }
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    return encode(f);
  }

  /** Percent-encodes all but RFC 3986 unreserved characters, sub-delimiters, {@code @} and {@code /}. */
  private static String encode(String path) {
    // Most paths have nothing to encode; SARIF has one or more per result.
    for (int i = 0; i < path.length(); i++) {
      if (!keptAsIs(path.charAt(i))) {
        return percentEncoded(path);
      }
    }
    return path;
  }

  private static String percentEncoded(String path) {
    StringBuilder sb = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (keptAsIs(c)) {
        sb.append((char) c);
      } else {
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return sb.toString();
  }

  private static boolean keptAsIs(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=@/".indexOf(c) >= 0;
  }
}

package io.rbacaudit.report;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Finding;

/**
 * A ready {@code .rbac-audit.yaml} suppression for one finding (DESIGN.md section 8), with the reason and expiry left
 * for the reviewer. The expiry placeholder is not a date, so a snippet pasted without filling it in fails to load
 * rather than silently waiving the finding forever.
 */
final class SuppressionSnippet {

  private SuppressionSnippet() {}

  static String of(Finding f) {
    ObjectRef s = f.subject();
    StringBuilder sb = new StringBuilder("suppressions:\n");
    sb.append("- rule: ").append(quoted(f.ruleId())).append('\n');
    sb.append("  subject:\n");
    sb.append("    kind: ").append(quoted(s.kind())).append('\n');
    if (s.namespace() != null) {
      sb.append("    namespace: ").append(quoted(s.namespace())).append('\n');
    }
    sb.append("    name: ").append(quoted(s.name())).append('\n');
    if (f.namespace() != null) {
      sb.append("  namespace: ").append(quoted(f.namespace())).append('\n');
    }
    sb.append("  reason: \"FILL IN: why this is accepted, and who reviewed it\"\n");
    sb.append("  expires: YYYY-MM-DD  # FILL IN: when to look again (or delete this line)\n");
    return sb.toString();
  }

  /**
   * A YAML double-quoted scalar: names come from manifests, so a quote, a backslash or a control character in one
   * must not end the string or break the file.
   */
  static String quoted(String s) {
    // The HTML page quotes every name of every finding: most need no escape, and are then one concatenation.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || unprintable(c)) {
        return escaped(s);
      }
    }
    return '"' + s + '"';
  }

  private static String escaped(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (unprintable(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static boolean unprintable(char c) {
    return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029
        || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
  }
}

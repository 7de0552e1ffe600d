package io.rbacaudit.report;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A rule's params written back as block YAML, for {@code rules show} and docs/rules.md: any template's params, so
 * the rendering knows nothing of templates. Lists of plain values are written in flow style
 * ({@code verbs: [get, list]}); strings YAML would read otherwise are double-quoted.
 */
final class ParamsText {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./:-]*");
  private static final Pattern NOT_A_STRING =
      Pattern.compile("(?i)y|n|yes|no|true|false|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*");

  private ParamsText() {}

  /** The params as YAML lines, each ending with a newline; {@code {}} for none. */
  static String yaml(Map<String, Object> params) {
    if (params.isEmpty()) {
      return "{}\n";
    }
    StringBuilder out = new StringBuilder();
    map(params, 0, out);
    return out.toString();
  }

  private static void map(Map<?, ?> map, int indent, StringBuilder out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String head = " ".repeat(indent) + scalar(e.getKey()) + ":";
      Object v = e.getValue();
      if (inline(v)) {
        out.append(head).append(' ').append(inlineText(v)).append('\n');
      } else {
        out.append(head).append('\n');
        block(v, v instanceof List<?> ? indent : indent + 2, out);
      }
    }
  }

  private static void list(List<?> list, int indent, StringBuilder out) {
    for (Object item : list) {
      if (inline(item)) {
        out.append(" ".repeat(indent)).append("- ").append(inlineText(item)).append('\n');
      } else {
        StringBuilder nested = new StringBuilder();
        block(item, indent + 2, nested);
        // The item's first line carries the dash in place of its indentation.
        out.append(" ".repeat(indent)).append("- ").append(nested.substring(indent + 2));
      }
    }
  }

  private static void block(Object v, int indent, StringBuilder out) {
    if (v instanceof Map<?, ?> m) {
      map(m, indent, out);
    } else {
      list((List<?>) v, indent, out);
    }
  }

  private static boolean inline(Object v) {
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    if (v instanceof List<?> l) {
      return l.stream().noneMatch(i -> i instanceof Map<?, ?> || i instanceof List<?>);
    }
    return true;
  }

  private static String inlineText(Object v) {
    if (v instanceof Map<?, ?>) {
      return "{}";
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(scalar(l.get(i)));
      }
      return sb.append(']').toString();
    }
    return scalar(v);
  }

  static String scalar(Object v) {
    if (v == null) {
      return "null";
    }
    if (!(v instanceof String s)) {
      return v.toString();
    }
    // A trailing ':' would make YAML read the string as a mapping key ("system:serviceaccounts:").
    if (PLAIN.matcher(s).matches() && !s.endsWith(":") && !NOT_A_STRING.matcher(s).matches()) {
      return s;
    }
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}

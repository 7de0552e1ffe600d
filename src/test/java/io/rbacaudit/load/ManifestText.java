package io.rbacaudit.load;

import java.util.Random;

/**
 * Random manifest-like YAML for BlockComposerTest: nested mappings and sequences written in the many ways people
 * write them (indentation widths, indentless sequences, comments anywhere, blank lines, every scalar style,
 * one-line flow sequences, block scalars with every chomping, trailing spaces, several documents), and random
 * mutations of such text, which are mostly invalid or outside the subset.
 */
final class ManifestText {

  private static final String[] KEYS = {"apiVersion", "kind", "metadata", "name", "namespace", "rules", "verbs",
      "apiGroups", "resources", "subjects", "roleRef", "labels", "data", "spec", "a b", "x-y", "1", "true", "null",
      "key:colon", "k#hash", "-dash", "<<"};
  private static final String[] WORDS = {"get", "list", "*", "", "rbac.authorization.k8s.io", "v1", "Role", "yes",
      "No", "~", "null", "123", "-5", "0x1F", "1.5", "2024-01-01", "a b  c", "http://x:80/p", "a#b",
      "say \"hi\"", "ünï ✓", "x,y"};
  /** Words outside the subset or invalid somewhere (in flow, as a plain scalar): used now and then. */
  private static final String[] ODD = {"<<", "-", "a:b", "@x", "%x", "[x]", "{x}", "?x", "!x", "&x", "*x", "|", ">",
      "a\\b", "it's"};
  private static final String MUTATIONS = " \n\n:-#'\"|>[]{},&*!\t\r?.%";

  private ManifestText() {}

  static String random(Random r) {
    StringBuilder out = new StringBuilder();
    int docs = 1 + r.nextInt(3);
    if (r.nextInt(3) == 0) {
      out.append("---\n");
    }
    for (int d = 0; d < docs; d++) {
      if (d > 0) {
        out.append(r.nextInt(4) == 0 ? "--- # next\n" : "---\n");
      }
      comment(r, out, 0);
      mapping(r, out, r.nextInt(5) == 0 ? 2 : 0, 0, true);
    }
    if (r.nextInt(6) == 0) {
      out.append("---\n");
    }
    return out.toString();
  }

  static String mutate(String text, Random r) {
    StringBuilder b = new StringBuilder(text);
    int edits = 1 + r.nextInt(3);
    for (int e = 0; e < edits && b.length() > 0; e++) {
      int at = r.nextInt(b.length());
      char c = MUTATIONS.charAt(r.nextInt(MUTATIONS.length()));
      switch (r.nextInt(3)) {
        case 0 -> b.insert(at, c);
        case 1 -> b.deleteCharAt(at);
        default -> b.setCharAt(at, c);
      }
    }
    return b.toString();
  }

  private static void mapping(Random r, StringBuilder out, int indent, int depth, boolean indentFirst) {
    int entries = 1 + r.nextInt(depth > 2 ? 2 : 4);
    for (int i = 0; i < entries; i++) {
      if (i > 0 || indentFirst) {
        out.append(" ".repeat(indent));
      }
      out.append(key(r)).append(r.nextInt(8) == 0 ? " :" : ":");
      value(r, out, indent, depth);
      comment(r, out, indent);
    }
  }

  private static void value(Random r, StringBuilder out, int indent, int depth) {
    int step = 1 + r.nextInt(4);
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(7);
    switch (kind) {
      case 0, 1 -> out.append(' ').append(scalar(r)).append(trailing(r)).append('\n');
      case 2 -> out.append(' ').append(flow(r)).append(trailing(r)).append('\n');
      case 3 -> blockScalar(r, out, indent + step);
      case 4 -> {
        out.append(trailing(r)).append('\n');
        comment(r, out, indent + step);
        mapping(r, out, indent + step, depth + 1, true);
      }
      default -> {
        out.append(trailing(r)).append('\n');
        sequence(r, out, r.nextBoolean() ? indent : indent + step, depth + 1);
      }
    }
  }

  private static void sequence(Random r, StringBuilder out, int indent, int depth) {
    int items = 1 + r.nextInt(3);
    for (int i = 0; i < items; i++) {
      out.append(" ".repeat(indent)).append('-');
      int gap = 1 + (r.nextInt(5) == 0 ? r.nextInt(3) : 0);
      switch (depth > 3 ? 0 : r.nextInt(5)) {
        case 0 -> out.append(" ".repeat(gap)).append(scalar(r)).append(trailing(r)).append('\n');
        case 1 -> {
          out.append(" ".repeat(gap));
          mapping(r, out, indent + 1 + gap, depth + 1, false);
        }
        case 2 -> blockScalar(r, out, indent + 1 + r.nextInt(3));
        case 3 -> out.append(r.nextBoolean() ? "\n" : " # empty\n");
        default -> {
          out.append('\n');
          mapping(r, out, indent + 2, depth + 1, true);
        }
      }
    }
  }

  private static void blockScalar(Random r, StringBuilder out, int indent) {
    out.append(' ').append(r.nextBoolean() ? '|' : '>').append(new String[] {"", "-", "+"}[r.nextInt(3)]);
    out.append(r.nextInt(4) == 0 ? " # header" : "").append('\n');
    int lines = 1 + r.nextInt(4);
    for (int i = 0; i < lines; i++) {
      switch (i == 0 ? 0 : r.nextInt(6)) {
        case 0, 1, 2 -> out.append(" ".repeat(indent)).append(scalar(r).replace("\"", "")).append('\n');
        case 3 -> out.append(" ".repeat(r.nextInt(indent + 3))).append('\n');
        case 4 -> out.append(" ".repeat(indent + 1 + r.nextInt(2))).append("more indented # x\n");
        default -> out.append(" ".repeat(indent)).append("# inside the scalar\n");
      }
    }
    if (r.nextBoolean()) {
      out.append('\n');
    }
  }

  private static String key(Random r) {
    String k = KEYS[r.nextInt(KEYS.length)];
    return switch (r.nextInt(6)) {
      case 0 -> "'" + k + "'";
      case 1 -> "\"" + k + "\"";
      default -> k;
    };
  }

  private static String scalar(Random r) {
    String w = r.nextInt(12) == 0 ? ODD[r.nextInt(ODD.length)] : WORDS[r.nextInt(WORDS.length)];
    return switch (r.nextInt(5)) {
      case 0 -> "'" + w.replace("'", "''") + "'";
      case 1 -> "\"" + w.replace("\"", "") + "\"";
      default -> w;
    };
  }

  private static String flow(Random r) {
    StringBuilder b = new StringBuilder(r.nextInt(5) == 0 ? "{" : "[");
    boolean mapping = b.charAt(0) == '{';
    int n = mapping ? 0 : r.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? (r.nextBoolean() ? ", " : ",") : "").append(r.nextInt(3) == 0 ? " " : "").append(scalar(r));
    }
    if (n > 0 && r.nextInt(5) == 0) {
      b.append(',');
    }
    return b.append(r.nextInt(3) == 0 ? " " : "").append(mapping ? '}' : ']').toString();
  }

  private static String trailing(Random r) {
    return switch (r.nextInt(8)) {
      case 0 -> "  ";
      case 1 -> " # trailing comment";
      default -> "";
    };
  }

  private static void comment(Random r, StringBuilder out, int indent) {
    switch (r.nextInt(10)) {
      case 0 -> out.append(" ".repeat(r.nextInt(indent + 3))).append("# comment\n");
      case 1 -> out.append('\n');
      case 2 -> out.append("   \n");
      default -> { }
    }
  }
}

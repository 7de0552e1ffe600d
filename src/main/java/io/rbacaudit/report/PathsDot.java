package io.rbacaudit.report;

import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathStep;
import io.rbacaudit.graph.Vertex;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The union of some paths as a Graphviz digraph: hops solid and labelled with their permission, free steps dashed. */
final class PathsDot {

  private PathsDot() {}

  static String render(Iterable<EscalationPath> paths) {
    Map<Vertex, String> ids = new LinkedHashMap<>();
    Set<String> edges = new LinkedHashSet<>();
    for (EscalationPath p : paths) {
      for (PathStep s : p.steps()) {
        String from = ids.computeIfAbsent(s.from(), v -> "n" + ids.size());
        String to = ids.computeIfAbsent(s.to(), v -> "n" + ids.size());
        edges.add("  " + from + " -> " + to + " [" + attributes(s) + "];\n");
      }
    }
    StringBuilder sb = new StringBuilder("digraph paths {\n  rankdir=LR;\n  node [shape=box];\n");
    ids.forEach((v, id) -> sb.append("  ").append(id).append(" [label=").append(quote(v.label()))
        .append(v instanceof Vertex.Target ? ", shape=doubleoctagon" : "").append("];\n"));
    edges.forEach(sb::append);
    return sb.append("}\n").toString();
  }

  private static String attributes(PathStep s) {
    if (!s.isHop()) {
      return "label=" + quote(s.kind().id()) + ", style=dashed";
    }
    String label = s.kind().id() + (s.permit() == null ? "" : "\n" + s.permit().permission());
    String where = s.permit() == null || s.permit().grant() == null ? "" : s.permit().grant().location().toString();
    return "label=" + quote(label) + (where.isEmpty() ? "" : ", tooltip=" + quote(where));
  }

  /** A DOT double-quoted string: backslash and quote escaped, line breaks as \n, other control characters dropped. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '"' -> sb.append("\\\"");
        case '\n' -> sb.append("\\n");
        default -> {
          if (c >= 0x20 && c != 0x7f) {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}

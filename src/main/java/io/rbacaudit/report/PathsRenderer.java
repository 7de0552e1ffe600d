package io.rbacaudit.report;

import static io.rbacaudit.report.TerminalText.safe;

import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathStep;
import io.rbacaudit.graph.Permit;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Subject;
import io.rbacaudit.report.JsonShapes.ProblemJson;
import io.rbacaudit.report.PathShapes.PathJson;
import io.rbacaudit.report.PathShapes.PathQueryJson;
import io.rbacaudit.report.PathShapes.PathsJson;
import java.util.List;

/**
 * Renders escalation paths: text (one block per path, numbered hops, each with its permission and grant at
 * file:line, free steps in between), the JSON of DESIGN.md section 5, or Graphviz DOT.
 */
public final class PathsRenderer {

  /** Output formats of {@code paths}. */
  public enum Format {
    TEXT,
    JSON,
    DOT
  }

  private PathsRenderer() {}

  /**
   * @param from the subject asked about, or null for every starting point
   * @param to the target searched for
   */
  public static String render(Format format, Subject from, Vertex to, int maxDepth, int maxPaths,
      List<EscalationPath> paths, List<Problem> problems) {
    return switch (format) {
      case JSON -> JsonWriter.write(new PathsJson(PathQueryJson.of(from, to, maxDepth, maxPaths),
          paths.stream().map(PathJson::of).toList(), ProblemJson.all(problems)));
      case DOT -> PathsDot.render(paths);
      case TEXT -> text(from, to, maxDepth, paths);
    };
  }

  private static String text(Subject from, Vertex to, int maxDepth, List<EscalationPath> paths) {
    StringBuilder sb = new StringBuilder();
    if (paths.isEmpty()) {
      return sb.append("No path to ").append(safe(to.label())).append(" within ").append(maxDepth)
          .append(maxDepth == 1 ? " hop" : " hops").append(" from ")
          .append(from == null ? "any starting point" : subject(from)).append(".\n").toString();
    }
    int n = 0;
    for (EscalationPath p : paths) {
      sb.append(n++ == 0 ? "" : "\n").append(path(p));
    }
    return sb.toString();
  }

  static String path(EscalationPath p) {
    int hops = p.hopCount();
    StringBuilder sb = new StringBuilder(subject(p.from())).append(" reaches ").append(safe(p.target().label()))
        .append(hops == 0 ? " already (no hop)" : " in " + hops + (hops == 1 ? " hop" : " hops")).append(":\n");
    int i = 0;
    for (PathStep s : p.steps()) {
      if (!s.isHop()) {
        sb.append("     - ").append(step(s)).append('\n');
        continue;
      }
      sb.append("  ").append(++i).append(". ").append(s.kind().id()).append(": ").append(safe(s.from().label()))
          .append(" -> ").append(safe(s.to().label()));
      if (s.through() != null) {
        sb.append(" (as ").append(safe(s.through().label())).append(')');
      }
      sb.append('\n');
      if (s.permit() != null) {
        permit(sb, "", s.permit());
      }
      for (Permit r : s.requires()) {
        permit(sb, "and ", r);
      }
      if (s.detail() != null) {
        sb.append("       (").append(safe(s.detail())).append(")\n");
      }
    }
    return sb.toString();
  }

  private static void permit(StringBuilder sb, String prefix, Permit p) {
    sb.append("       ").append(prefix).append(safe(p.permission().toString())).append('\n');
    sb.append("         ").append(p.grant() == null
        ? "held through the previous hop"
        : "granted by " + QueryRenderer.grant(p.grant())).append('\n');
  }

  /** A free step, as a sentence. */
  static String step(PathStep s) {
    String from = safe(s.from().label());
    String to = safe(s.to().label());
    String detail = s.detail() == null ? "" : " (" + safe(s.detail()) + ")";
    return switch (s.kind()) {
      case MEMBER_OF -> from + " is in " + to;
      case RUNS_AS -> from + " runs as " + to + " with its token mounted";
      case MOUNTS_TOKEN_SECRET -> from + " mounts a token Secret of " + to;
      case NODE_TOKEN -> "the node holds the token of " + to + ", whose pods may run there";
      case EQUIVALENT -> s.from() instanceof Vertex.Identity id && id.subject().name().equals("system:masters")
          ? from + " is allowed everything by the API server before RBAC is asked"
          : from + " is bound to every verb on every resource and URL";
      case ANY_OF -> from + " includes " + to;
      default -> s.kind().id() + ": " + from + " -> " + to + detail;
    };
  }

  static String subject(Subject s) {
    return safe(new Vertex.Identity(s).label());
  }
}

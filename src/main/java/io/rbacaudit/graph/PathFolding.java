package io.rbacaudit.graph;

import io.rbacaudit.model.Subject;
import java.util.ArrayList;
import java.util.List;

/** Turns a walk of edges into the steps a reader sees: a hop into a choice ends at the vertex chosen. */
final class PathFolding {

  private PathFolding() {}

  static EscalationPath fold(Subject from, Vertex target, List<Edge> edges) {
    List<PathStep> steps = new ArrayList<>();
    int i = 0;
    while (i < edges.size()) {
      Edge e = edges.get(i++);
      Vertex to = e.target();
      Vertex through = null;
      while (i < edges.size() && edges.get(i).kind() == EdgeKind.ANY_OF) {
        through = through == null ? to : through;
        to = edges.get(i++).target();
      }
      steps.add(new PathStep(e.source(), to, e.kind(), e.permit(), e.requires(), e.detail(), through));
    }
    return new EscalationPath(from, target, steps);
  }
}

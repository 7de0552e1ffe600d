package io.rbacaudit.graph;

import io.rbacaudit.model.Subject;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a walk of edges into the steps a reader sees: a hop into a choice ends at the vertex chosen, names the
 * narrowest choice it was made through, and takes the choice's detail when it has none of its own.
 */
final class PathFolding {

  private PathFolding() {}

  static EscalationPath fold(Subject from, Vertex target, List<Edge> edges) {
    List<PathStep> steps = new ArrayList<>();
    int i = 0;
    while (i < edges.size()) {
      Edge e = edges.get(i++);
      Vertex to = e.target();
      Vertex through = null;
      String detail = e.detail();
      while (i < edges.size() && edges.get(i).kind() == EdgeKind.ANY_OF) {
        Edge choice = edges.get(i++);
        through = choice.source(); // the narrowest choice: "any ServiceAccount of N" rather than "of any namespace"
        to = choice.target();
        // A fan-out edge may name what the choice is made through (which token Secret, which controller).
        detail = detail != null ? detail : choice.detail();
      }
      steps.add(new PathStep(e.source(), to, e.kind(), e.permit(), e.requires(), detail, through));
    }
    return new EscalationPath(from, target, steps);
  }
}

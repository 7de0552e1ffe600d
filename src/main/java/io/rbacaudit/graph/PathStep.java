package io.rbacaudit.graph;

import java.util.List;
import java.util.Objects;

/**
 * One step of a path. For a hop, {@code permit} is the request that makes it and {@code requires} the others it
 * needs. When a hop opens a choice ("any ServiceAccount of N"), {@code to} is the one chosen and {@code through}
 * the choice.
 */
public record PathStep(Vertex from, Vertex to, EdgeKind kind, Permit permit, List<Permit> requires, String detail,
    Vertex through) {

  public PathStep {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(kind, "kind");
    requires = List.copyOf(requires);
  }

  public boolean isHop() {
    return kind.isHop();
  }
}

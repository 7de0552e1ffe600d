package io.rbacaudit.graph;

import io.rbacaudit.model.Subject;
import java.util.List;
import java.util.Objects;

/**
 * A way from a subject to a target: every step, of which {@link #hops()} are the ones that count
 * (spec/escalation.md). A subject that already is the target's equal has a path without hops.
 */
public record EscalationPath(Subject from, Vertex target, List<PathStep> steps) {

  public EscalationPath {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(target, "target");
    steps = List.copyOf(steps);
  }

  public List<PathStep> hops() {
    return steps.stream().filter(PathStep::isHop).toList();
  }

  public int hopCount() {
    return (int) steps.stream().filter(PathStep::isHop).count();
  }
}

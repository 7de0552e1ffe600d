package io.rbacaudit.rules;

import io.rbacaudit.model.Location;
import java.util.Objects;

/**
 * One step of an escalation path, as a finding carries it: from where to where, by which edge kind
 * (spec/escalation.md), whether it counts as a hop (membership and runs-as steps are free), and the file:line of the
 * grant (or workload) that makes it.
 *
 * @param location the rule that grants the step's permission, or the workload for a node escape; null when the step
 *     needs nothing from the inputs (membership, a permission the previous hop obtained)
 */
public record PathHop(Point from, Point to, String edge, boolean hop, Location location) {

  public PathHop {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(edge, "edge");
  }

  /**
   * A vertex of the path, shaped as DESIGN.md's Vertex ({@code type}, {@code name}, {@code namespace}).
   *
   * @param label how it reads in a sentence
   */
  public record Point(String type, String name, String namespace, String label) {
    public Point {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(name, "name");
    }
  }
}

package io.rbacaudit.graph;

import java.util.List;
import java.util.Objects;

/**
 * An edge with its provenance. Source and target are part of the value and so is the grant: jgrapht compares edges
 * with {@code equals}, and two grants that open the same step must stay two edges, never be merged.
 *
 * @param permit the request that makes the step and its grant; null for steps, structure, and a node escape (which
 *     needs no permission: the workload is already compromised)
 * @param requires further requests the step needs (read back a minted Secret, {@code bind} next to creating a
 *     binding), each with its grant
 * @param detail a short explanation (which binding binds the rewritten role, which Secret is read); may be null
 */
public record Edge(Vertex source, Vertex target, EdgeKind kind, Permit permit, List<Permit> requires, String detail) {

  public Edge {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(kind, "kind");
    requires = requires == null ? List.of() : List.copyOf(requires);
    if (kind.isHop() && permit == null && kind != EdgeKind.NODE_ESCAPE) {
      throw new IllegalArgumentException("a hop names the permission that makes it: " + kind);
    }
  }

  /** A step or structure edge, which needs no permission. */
  public static Edge step(Vertex source, Vertex target, EdgeKind kind) {
    return new Edge(source, target, kind, null, List.of(), null);
  }

  /** 1 for a hop, 0 for a step. */
  public int weight() {
    return kind.isHop() ? 1 : 0;
  }
}

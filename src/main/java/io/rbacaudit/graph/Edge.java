package io.rbacaudit.graph;

import io.rbacaudit.rbac.Grant;
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

  /**
   * A hash over the cheap parts (equal edges have equal ends, kind and grant): hashing whole rules and requests for
   * every map operation would dominate building a large graph.
   */
  @Override
  public int hashCode() {
    Grant g = permit == null ? null : permit.grant();
    return Vertex.hash(source, target, kind, g == null ? null : g.binding(), g == null ? 0 : g.ruleIndex(),
        permit == null ? null : permit.permission().namespace(), permit == null ? null : permit.permission().name());
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

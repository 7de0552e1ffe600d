package io.rbacaudit.graph;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.UserInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;

/**
 * Who can become whom: identities, workloads, roles, bindings and targets, joined by the escalation edges of
 * spec/escalation.md, each carrying the permission and grant that make it. Immutable once built.
 *
 * <p>Building reads every binding once and every role's rules once; edges are then made per grant (not per subject
 * and target pair), with fan-out vertices ("any ServiceAccount of N") so that one cluster-wide grant is one edge.
 * The graph therefore grows linearly with the inventory: O(bindings x subjects + rules + workloads + grants x named
 * targets + identities).
 */
public final class AccessGraph {

  private final Graph<Vertex, Edge> graph;
  private final Map<Subject, List<Vertex>> workloadsOf = new TreeMap<>();
  private final List<Subject> startingPoints;

  private AccessGraph(Graph<Vertex, Edge> graph, Inventory inventory) {
    this.graph = graph;
    for (Workload w : inventory.workloads()) {
      workloadsOf.computeIfAbsent(w.serviceAccount(), k -> new ArrayList<>()).add(new Vertex.Workload(w.ref()));
    }
    Set<Subject> starts = new TreeSet<>(workloadsOf.keySet());
    starts.add(Subject.group(Impersonation.AUTHENTICATED));
    starts.add(Subject.user(Impersonation.ANONYMOUS));
    this.startingPoints = List.copyOf(starts);
  }

  public static AccessGraph build(Inventory inventory, Authorizer authorizer) {
    return build(inventory, authorizer, List.of());
  }

  /** @param extraSubjects identities to include even if nothing in the inputs names them (a --from or --to) */
  public static AccessGraph build(Inventory inventory, Authorizer authorizer, Collection<Subject> extraSubjects) {
    InventoryIndex index = new InventoryIndex(inventory, authorizer, extraSubjects);
    return new AccessGraph(new AccessGraphBuilder(index).build().graph, inventory);
  }

  public Set<Vertex> vertices() {
    return Collections.unmodifiableSet(graph.vertexSet());
  }

  public Set<Edge> edges() {
    return Collections.unmodifiableSet(graph.edgeSet());
  }

  public boolean contains(Vertex v) {
    return graph.containsVertex(v);
  }

  public Set<Edge> outgoing(Vertex v) {
    return graph.containsVertex(v) ? Collections.unmodifiableSet(graph.outgoingEdgesOf(v)) : Set.of();
  }

  public Set<Edge> incoming(Vertex v) {
    return graph.containsVertex(v) ? Collections.unmodifiableSet(graph.incomingEdgesOf(v)) : Set.of();
  }

  /**
   * Where attackers start without {@code --from}: the ServiceAccounts that workloads run as (a compromised workload),
   * every authenticated user ({@code system:authenticated}) and anonymous requests ({@code system:anonymous}).
   */
  public List<Subject> startingPoints() {
    return startingPoints;
  }

  /** Every identity in the graph (named in a binding, defined, run as, or a starting point), sorted. */
  public List<Subject> subjects() {
    Set<Subject> out = new TreeSet<>();
    for (Vertex v : graph.vertexSet()) {
      if (v instanceof Vertex.Identity id) {
        out.add(id.subject());
      }
    }
    return List.copyOf(out);
  }

  /**
   * The vertices a subject starts from: its identity, and for a ServiceAccount the workloads that run as it (a
   * compromised workload also has its container, which may reach its node).
   */
  public List<Vertex> sources(Subject s) {
    List<Vertex> out = new ArrayList<>();
    out.add(Vertex.Identity.of(InventoryIndex.normalize(s)));
    if (s.kind() == SubjectKind.SERVICE_ACCOUNT) {
      out.addAll(workloadsOf.getOrDefault(s, List.of()));
    }
    return out;
  }

  /**
   * The identity an actor's requests are made as: a ServiceAccount's user name and groups, a user with
   * system:authenticated (system:unauthenticated for system:anonymous), or for a Group, a user in just that group
   * (plus system:authenticated).
   */
  public static UserInfo userOf(Subject s) {
    return AccessGraphBuilder.userOf(InventoryIndex.normalize(s));
  }

  Graph<Vertex, Edge> jgrapht() {
    return graph;
  }
}

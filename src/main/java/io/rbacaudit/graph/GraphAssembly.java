package io.rbacaudit.graph;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.RoleId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The graph while it is being built. Fan-out vertices ("any ServiceAccount of N") get their edges to each member the
 * first time an edge needs them; states the attacker can reach (a role bound to itself, full control of a namespace)
 * are queued so that their own edges are added in turn.
 */
final class GraphAssembly {

  final Graph<Vertex, Edge> graph = new Multigraph();
  final InventoryIndex index;
  private final Deque<Vertex> pendingStates = new ArrayDeque<>();
  private final Map<Vertex, List<EffectiveRule>> boundRoleRules = new HashMap<>();
  private final Map<WorkloadKind, Vertex> controllers = new EnumMap<>(WorkloadKind.class);

  /**
   * A directed multigraph without jgrapht's default index of the edges between each pair of vertices: nothing here
   * asks for the edges between two given vertices, and keeping that index was a sixth of the cost of building.
   */
  private static final class Multigraph extends AbstractBaseGraph<Vertex, Edge> {
    Multigraph() {
      super(null, null, DefaultGraphType.directedMultigraph(), new DefaultGraphSpecificsStrategy<>());
    }
  }

  GraphAssembly(InventoryIndex index) {
    this.index = index;
  }

  void vertex(Vertex v) {
    graph.addVertex(v);
  }

  /** Adds an edge and its ends; an edge to itself says nothing and is dropped, an equal edge is added once. */
  void edge(Edge e) {
    if (e.source().equals(e.target())) {
      return;
    }
    graph.addVertex(e.source());
    graph.addVertex(e.target());
    graph.addEdge(e.source(), e.target(), e);
  }

  /** Any ServiceAccount of {@code namespace} (null: of any namespace), with its fan-out edges. */
  Vertex anyServiceAccount(String namespace) {
    Vertex v = new Vertex.AnyServiceAccount(namespace);
    if (graph.addVertex(v)) {
      if (namespace == null) {
        for (String ns : new TreeSet<>(index.serviceAccountsByNamespace.keySet())) {
          edge(Edge.step(v, anyServiceAccount(ns), EdgeKind.ANY_OF));
        }
      } else {
        for (Subject sa : index.serviceAccounts(namespace)) {
          edge(Edge.step(v, Vertex.Identity.of(sa), EdgeKind.ANY_OF));
        }
      }
    }
    return v;
  }

  /** Any workload of {@code namespace} (null: of any namespace) worth entering, with its fan-out edges. */
  Vertex anyWorkload(String namespace) {
    Vertex v = new Vertex.AnyWorkload(namespace);
    if (graph.addVertex(v)) {
      if (namespace == null) {
        for (String ns : new TreeSet<>(index.workloadsByNamespace.keySet())) {
          edge(Edge.step(v, anyWorkload(ns), EdgeKind.ANY_OF));
        }
      } else {
        for (Workload w : index.workloads(namespace)) {
          if (index.worthEntering(w)) {
            edge(Edge.step(v, new Vertex.Workload(w.ref()), EdgeKind.ANY_OF));
          }
        }
      }
    }
    return v;
  }

  /**
   * Any legacy token Secret of {@code namespace} (null: of any namespace), with its fan-out edges: one to each
   * Secret's ServiceAccount, naming the Secret. Null when there is no token Secret there.
   */
  Vertex anyTokenSecret(String namespace) {
    if (namespace == null ? index.tokenSecretsByNamespace.isEmpty() : index.tokenSecrets(namespace).isEmpty()) {
      return null;
    }
    Vertex v = new Vertex.AnyTokenSecret(namespace);
    if (graph.addVertex(v)) {
      if (namespace == null) {
        for (String ns : new TreeSet<>(index.tokenSecretsByNamespace.keySet())) {
          edge(Edge.step(v, anyTokenSecret(ns), EdgeKind.ANY_OF));
        }
      } else {
        for (Secret s : index.tokenSecrets(namespace)) {
          edge(new Edge(v, Vertex.Identity.of(Subject.serviceAccount(namespace, s.serviceAccountName())),
              EdgeKind.ANY_OF, null, List.of(), "legacy token Secret " + namespace + "/" + s.name()));
        }
      }
    }
    return v;
  }

  /**
   * Any controller of {@code kind} in any namespace, with its fan-out edges: to any ServiceAccount of each namespace
   * that has one, naming the first such controller there. Null when there is none.
   */
  Vertex anyController(WorkloadKind kind) {
    if (controllers.containsKey(kind)) {
      return controllers.get(kind);
    }
    Map<String, Workload> first = new TreeMap<>();
    for (Workload w : index.inventory.workloads()) {
      if (w.kind() == kind) {
        first.putIfAbsent(w.namespace(), w);
      }
    }
    Vertex v = first.isEmpty() ? null : new Vertex.AnyController(kind.kubeName());
    controllers.put(kind, v);
    if (v != null) {
      graph.addVertex(v);
      first.forEach((ns, w) -> edge(new Edge(v, anyServiceAccount(ns), EdgeKind.ANY_OF, null, List.of(),
          "switch the pod template of " + w.ref() + " to another ServiceAccount")));
    }
    return v;
  }

  /** Any User the inputs name, with its fan-out edges. */
  Vertex anyUser() {
    Vertex v = new Vertex.AnyUser();
    if (graph.addVertex(v)) {
      for (Subject s : index.identities) {
        if (s.kind() == SubjectKind.USER) {
          edge(Edge.step(v, Vertex.Identity.of(s), EdgeKind.ANY_OF));
        }
      }
    }
    return v;
  }

  /** Full control of any namespace, with its fan-out edges to each namespace's state. */
  Vertex anyNamespaceAdmin() {
    Vertex v = new Vertex.AnyNamespaceAdmin();
    if (graph.addVertex(v)) {
      for (String ns : index.namespaces) {
        edge(Edge.step(v, namespaceAdmin(ns), EdgeKind.ANY_OF));
      }
    }
    return v;
  }

  Vertex namespaceAdmin(String namespace) {
    Vertex v = new Vertex.NamespaceAdmin(namespace);
    if (graph.addVertex(v)) {
      pendingStates.add(v);
    }
    return v;
  }

  /** The state of having bound {@code role} to oneself, cluster-wide (scope null) or in one namespace. */
  Vertex boundRole(Role role, String scope) {
    Vertex v = new Vertex.BoundRole(RoleId.of(role), scope);
    if (graph.addVertex(v)) {
      boundRoleRules.put(v, index.authorizer.effectiveRules(role));
      pendingStates.add(v);
    }
    return v;
  }

  List<EffectiveRule> rulesOf(Vertex.BoundRole v) {
    return boundRoleRules.getOrDefault(v, List.of());
  }

  /** The next reached state whose edges are still to be added, or null. */
  Vertex nextPendingState() {
    return pendingStates.poll();
  }
}

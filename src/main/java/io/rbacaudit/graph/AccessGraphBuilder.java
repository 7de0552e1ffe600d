package io.rbacaudit.graph;

import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rbac.RoleId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the access graph in passes, each linear in what it reads: identities and structure (bindings once),
 * memberships, workloads, then the capabilities of every binding (each role's rules read once, whatever the number of
 * bindings), and from them each actor's edges. Groups come first, so that a member does not repeat a compound edge
 * its group already has (it reaches it through its membership).
 */
final class AccessGraphBuilder {

  /** The name of a binding the attacker creates on a path: no such object exists in the inputs. */
  static final String NEW_BINDING = "(created by the previous hop)";

  private static final Comparator<Subject> GROUPS_FIRST = Comparator
      .comparing((Subject s) -> s.kind() != SubjectKind.GROUP)
      .thenComparing(s -> !InventoryIndex.groupsOf(s).isEmpty())
      .thenComparing(Comparator.naturalOrder());

  /** What an identity holds by being named in bindings. */
  private static final class Actor {
    final Capabilities direct = new Capabilities();
    final List<ResolvedBinding> bindings = new ArrayList<>();
  }

  private final GraphAssembly graph;
  private final InventoryIndex index;
  private final CapabilityReader reader = new CapabilityReader();
  private final Map<Subject, Actor> actors = new HashMap<>();
  private final Map<Subject, Set<List<Object>>> compoundOfGroup = new HashMap<>();

  AccessGraphBuilder(InventoryIndex index) {
    this.index = index;
    this.graph = new GraphAssembly(index);
  }

  GraphAssembly build() {
    for (Vertex.Target t : List.of(Vertex.Target.CLUSTER_ADMIN, Vertex.Target.NODE_ACCESS, Vertex.Target.ALL_SECRETS)) {
      graph.vertex(t);
    }
    index.identities.forEach(s -> graph.vertex(Vertex.Identity.of(s)));
    graph.edge(Edge.step(Vertex.Identity.of(Subject.group(InventoryIndex.MASTERS)), Vertex.Target.CLUSTER_ADMIN,
        EdgeKind.EQUIVALENT));
    bindings();
    memberships();
    index.inventory.workloads().forEach(this::workload);
    List<Subject> order = new ArrayList<>(index.identities);
    order.sort(GROUPS_FIRST);
    order.forEach(this::identityEdges);
    for (Vertex state = graph.nextPendingState(); state != null; state = graph.nextPendingState()) {
      stateEdges(state);
    }
    return graph;
  }

  /** Who is bound to what (structure), and each binding's capabilities handed to the subjects it names. */
  private void bindings() {
    for (ResolvedBinding b : index.authorizer.bindings()) {
      Vertex binding = new Vertex.Binding(b.binding().ref());
      RoleId role = b.role() != null ? RoleId.of(b.role()) : missingRole(b);
      if (role != null) {
        graph.edge(Edge.step(binding, new Vertex.Role(role), EdgeKind.ROLE_REF));
      }
      List<CapabilityGrant> grants = reader.grants(b);
      for (Subject s : b.subjects()) {
        Subject subject = InventoryIndex.normalize(s);
        graph.edge(Edge.step(Vertex.Identity.of(subject), binding, EdgeKind.SUBJECT_OF));
        Actor actor = actors.computeIfAbsent(subject, k -> new Actor());
        grants.forEach(actor.direct::add);
        actor.bindings.add(b);
      }
    }
  }

  private static RoleId missingRole(ResolvedBinding b) {
    String kind = b.binding().roleRef().kind();
    if (kind.equals(RoleKind.CLUSTER_ROLE.kubeName())) {
      return new RoleId(RoleKind.CLUSTER_ROLE, b.binding().roleRef().name(), null, false);
    }
    if (kind.equals(RoleKind.ROLE.kubeName()) && b.binding().kind() == BindingKind.ROLE_BINDING) {
      return new RoleId(RoleKind.ROLE, b.binding().roleRef().name(), b.binding().namespace(), false);
    }
    return null;
  }

  private void memberships() {
    for (Subject s : index.identities) {
      for (Subject group : InventoryIndex.groupsOf(s)) {
        if (index.identities.contains(group)) {
          graph.edge(Edge.step(Vertex.Identity.of(s), Vertex.Identity.of(group), EdgeKind.MEMBER_OF));
        }
      }
    }
  }

  /** A workload holds tokens (and its node's tokens may be anyone's); a privileged one owns its node. */
  private void workload(Workload w) {
    Vertex v = new Vertex.Workload(w.ref());
    graph.vertex(v);
    for (Subject sa : index.tokensHeld(w)) {
      EdgeKind kind = sa.equals(w.serviceAccount()) ? EdgeKind.RUNS_AS : EdgeKind.MOUNTS_TOKEN_SECRET;
      graph.edge(Edge.step(v, Vertex.Identity.of(sa), kind));
      graph.edge(Edge.step(Vertex.Target.NODE_ACCESS, Vertex.Identity.of(sa), EdgeKind.NODE_TOKEN));
    }
    if (TokenMounts.reachesNode(w)) {
      graph.edge(new Edge(v, Vertex.Target.NODE_ACCESS, EdgeKind.NODE_ESCAPE, null, List.of(), escapeRoute(w)));
    }
  }

  private static String escapeRoute(Workload w) {
    for (PodSpec.Container c : w.pod().containers()) {
      if (c.privileged()) {
        return "privileged container " + c.name();
      }
    }
    for (PodSpec.Volume v : w.pod().volumes()) {
      if (v.type() == PodSpec.VolumeType.HOST_PATH) {
        return "hostPath volume " + v.name() + " (" + v.hostPath() + ")";
      }
    }
    return null;
  }

  /**
   * Single-grant hops from the identity's own bindings (its groups' are reached through membership); compound hops
   * from everything that applies to it, unless one of its groups already has the same one.
   */
  private void identityEdges(Subject s) {
    Vertex v = Vertex.Identity.of(s);
    Actor own = actors.get(s);
    Capabilities effective = new Capabilities();
    List<ResolvedBinding> bindings = new ArrayList<>();
    Set<List<Object>> inherited = new HashSet<>();
    if (own != null) {
      DirectEdges.add(v, own.direct, graph);
      effective.addAll(own.direct);
      bindings.addAll(own.bindings);
    }
    for (Subject g : InventoryIndex.groupsOf(s)) {
      Actor group = actors.get(g);
      if (group != null) {
        effective.addAll(group.direct);
        bindings.addAll(group.bindings);
      }
      inherited.addAll(compoundOfGroup.getOrDefault(g, Set.of()));
    }
    Set<List<Object>> mine = new HashSet<>(inherited);
    List<Edge> compound = new ArrayList<>(CompoundEdges.edges(v, effective, graph));
    compound.addAll(RoleWriteEdges.edges(v, effective, bindings, graph));
    for (Edge e : compound) {
      List<Object> key = List.of(e.kind(), e.target());
      if (!inherited.contains(key)) {
        graph.edge(e);
        mine.add(key);
      }
    }
    if (s.kind() == SubjectKind.GROUP) {
      compoundOfGroup.put(s, mine);
    }
  }

  /** The edges of a reached state: what full control of a namespace, or a role bound to oneself, allows. */
  private void stateEdges(Vertex state) {
    if (state instanceof Vertex.NamespaceAdmin n) {
      String ns = n.name();
      graph.edge(new Edge(state, graph.anyServiceAccount(ns), EdgeKind.POD_CREATE_ASSUME_SA,
          new Permit(Request.resource("create", "", "pods", "", ns, ""), null), List.of(), null));
      graph.edge(new Edge(state, graph.anyWorkload(ns), EdgeKind.POD_EXEC_STEAL_TOKEN,
          new Permit(Request.resource("create", "", "pods", "exec", ns, ""), null), List.of(), null));
    } else if (state instanceof Vertex.BoundRole b) {
      ObjectRef binding = new ObjectRef(b.scope() == null ? BindingKind.CLUSTER_ROLE_BINDING.kubeName()
          : BindingKind.ROLE_BINDING.kubeName(), NEW_BINDING, b.scope());
      List<EffectiveRule> rules = graph.rulesOf(b);
      Capabilities caps = Capabilities.of(CapabilityReader.grants(CapabilityReader.read(rules), b.scope(),
          rule -> new Grant(binding, false, b.role(), rule)));
      DirectEdges.add(state, caps, graph);
      CompoundEdges.edges(state, caps, graph).forEach(graph::edge);
      RoleWriteEdges.edges(state, caps, List.of(), graph).forEach(graph::edge);
    }
  }

  /** The identity an actor's requests are made as, for checking an edge with the authorizer. */
  static io.rbacaudit.rbac.UserInfo userOf(Subject s) {
    return switch (s.kind()) {
      case SERVICE_ACCOUNT -> Impersonation.of(s.serviceAccountUserName(), List.of());
      case USER -> Impersonation.of(s.name(), List.of());
      case GROUP -> new io.rbacaudit.rbac.UserInfo("member-of:" + s.name(),
          InventoryIndex.groupsOf(s).isEmpty() ? List.of(s.name()) : List.of(s.name(), Impersonation.AUTHENTICATED));
    };
  }
}

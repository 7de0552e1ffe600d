package io.rbacaudit.graph;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.ResolvedBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hops that give new RBAC permissions (spec/rbac-semantics.md section 6): a binding one may create to a role one may
 * bind, or a role bound to oneself that one may rewrite or create. Binding a role whose rules one already covers
 * gives nothing new, so only the {@code bind} verb opens a hop. Cost: per namespace where bindings may be created,
 * the equivalent ClusterRoles and that namespace's Roles; per binding of the actor, a few look-ups.
 */
final class RoleWriteEdges {

  private final Vertex actor;
  private final Capabilities caps;
  private final GraphAssembly graph;
  private final InventoryIndex index;
  private final List<Edge> out = new ArrayList<>();

  private RoleWriteEdges(Vertex actor, Capabilities caps, GraphAssembly graph) {
    this.actor = actor;
    this.caps = caps;
    this.graph = graph;
    this.index = graph.index;
  }

  /** @param bindings the bindings that apply to the actor: its own and its groups' */
  static List<Edge> edges(Vertex actor, Capabilities caps, List<ResolvedBinding> bindings, GraphAssembly graph) {
    RoleWriteEdges r = new RoleWriteEdges(actor, caps, graph);
    if (caps.has(Capability.BIND_CLUSTERROLES) || caps.has(Capability.BIND_ROLES)) {
      r.bindClusterRoles();
      r.bindInNamespaces();
    }
    if (caps.has(Capability.ESCALATE_CLUSTERROLES) || caps.has(Capability.ESCALATE_ROLES)) {
      bindings.forEach(r::boundRole);
    }
    return r.out;
  }

  private void edge(Vertex target, EdgeKind kind, Permit permit, Permit requires, String detail) {
    out.add(new Edge(actor, target, kind, permit, List.of(requires), detail));
  }

  /** A ClusterRoleBinding to oneself: cluster-admin if an equivalent role may be bound, else each bindable role. */
  private void bindClusterRoles() {
    Optional<CapabilityGrant> create = caps.find(Capability.CREATE_CLUSTERROLEBINDINGS, null, null);
    if (create.isEmpty()) {
      return;
    }
    Permit permit = create.get().permit(null, null);
    for (String name : index.equivalentClusterRoles) {
      Optional<CapabilityGrant> bind = caps.find(Capability.BIND_CLUSTERROLES, null, name);
      if (bind.isPresent()) {
        edge(Vertex.Target.CLUSTER_ADMIN, EdgeKind.BIND_CLUSTERROLE, permit, bind.get().permit(null, name),
            "binds ClusterRole " + name + " to the subject");
        return;
      }
    }
    for (CapabilityGrant bind : caps.all(Capability.BIND_CLUSTERROLES)) {
      if (bind.scope() == null) {
        for (String name : bind.names()) {
          index.authorizer.clusterRole(name).ifPresent(role -> edge(graph.boundRole(role, null),
              EdgeKind.BIND_CLUSTERROLE, permit, bind.permit(null, name), null));
        }
      }
    }
  }

  /** A RoleBinding in N to oneself; the bind check is made in N, so a namespaced bind on clusterroles counts there. */
  private void bindInNamespaces() {
    Optional<CapabilityGrant> createEverywhere = caps.find(Capability.CREATE_ROLEBINDINGS, null, null);
    if (createEverywhere.isPresent()) {
      for (String name : index.equivalentClusterRoles) {
        Optional<CapabilityGrant> bind = caps.find(Capability.BIND_CLUSTERROLES, null, name);
        if (bind.isPresent()) {
          // Every namespace opens the same way: one edge to the fan-out, not one per namespace.
          edge(graph.anyNamespaceAdmin(), EdgeKind.BIND_ROLE_IN_NAMESPACE, createEverywhere.get().permit(null, null),
              bind.get().permit(null, name), "binds ClusterRole " + name + " in a namespace");
          return;
        }
      }
    }
    List<String> namespaces = new ArrayList<>(caps.everywhere(Capability.CREATE_ROLEBINDINGS)
        ? index.namespaces
        : caps.namespaces(Capability.CREATE_ROLEBINDINGS));
    for (String ns : namespaces) {
      caps.find(Capability.CREATE_ROLEBINDINGS, ns, null).ifPresent(create -> bindIn(ns, create.permit(ns, null)));
    }
  }

  private void bindIn(String ns, Permit permit) {
    for (String name : index.equivalentClusterRoles) {
      Optional<CapabilityGrant> bind = caps.find(Capability.BIND_CLUSTERROLES, ns, name);
      if (bind.isPresent()) {
        edge(graph.namespaceAdmin(ns), EdgeKind.BIND_ROLE_IN_NAMESPACE, permit, bind.get().permit(ns, name),
            "binds ClusterRole " + name + " in namespace " + ns);
        return;
      }
    }
    for (CapabilityGrant bind : caps.all(Capability.BIND_CLUSTERROLES)) {
      if (bind.appliesIn(ns)) {
        for (String name : bind.names()) {
          index.authorizer.clusterRole(name).ifPresent(role -> edge(graph.boundRole(role, ns),
              EdgeKind.BIND_ROLE_IN_NAMESPACE, permit, bind.permit(ns, name), null));
        }
      }
    }
    for (Role role : index.roles(ns)) {
      caps.find(Capability.BIND_ROLES, ns, role.name()).ifPresent(bind -> edge(graph.boundRole(role, ns),
          EdgeKind.BIND_ROLE_IN_NAMESPACE, permit, bind.permit(ns, role.name()), null));
    }
  }

  /**
   * A role bound to oneself that one may update (or create, when missing; or feed through aggregation) with
   * {@code escalate}: cluster-admin through a ClusterRoleBinding, full control of N through a RoleBinding in N.
   */
  private void boundRole(ResolvedBinding b) {
    Vertex target = b.isClusterWide() ? Vertex.Target.CLUSTER_ADMIN : graph.namespaceAdmin(b.binding().namespace());
    String by = " is bound to the subject by " + b.binding().ref();
    Role role = b.role();
    if (role == null) {
      createMissing(b, target, by);
      return;
    }
    boolean cluster = role.kind() == RoleKind.CLUSTER_ROLE;
    String ns = role.namespace();
    Optional<CapabilityGrant> update = caps.find(cluster ? Capability.UPDATE_CLUSTERROLES : Capability.UPDATE_ROLES,
        ns, role.name());
    Optional<CapabilityGrant> escalate = caps.find(
        cluster ? Capability.ESCALATE_CLUSTERROLES : Capability.ESCALATE_ROLES, ns, role.name());
    if (update.isPresent() && escalate.isPresent()) {
      edge(target, EdgeKind.ESCALATE_UPDATE_BOUND_ROLE, update.get().permit(ns, role.name()),
          escalate.get().permit(ns, role.name()), role.ref() + by);
    }
    if (cluster && role.isAggregated() && !role.aggregationSelectors().isEmpty()) {
      Optional<CapabilityGrant> create = caps.find(Capability.CREATE_CLUSTERROLES, null, null);
      Optional<CapabilityGrant> esc = caps.find(Capability.ESCALATE_CLUSTERROLES, null, null);
      if (create.isPresent() && esc.isPresent()) {
        edge(target, EdgeKind.CREATE_CLUSTERROLE_AGGREGATED_INTO_BOUND_ROLE, create.get().permit(null, null),
            esc.get().permit(null, null), "a new ClusterRole labelled into the aggregated " + role.ref() + by);
      }
    }
  }

  /** The request to create a role has no name yet, so an escalate limited by resourceNames does not help. */
  private void createMissing(ResolvedBinding b, Vertex target, String by) {
    String kind = b.binding().roleRef().kind();
    String ns;
    Capability create;
    Capability escalate;
    if (kind.equals(RoleKind.CLUSTER_ROLE.kubeName())) {
      ns = null;
      create = Capability.CREATE_CLUSTERROLES;
      escalate = Capability.ESCALATE_CLUSTERROLES;
    } else if (kind.equals(RoleKind.ROLE.kubeName()) && !b.isClusterWide()) {
      ns = b.binding().namespace();
      create = Capability.CREATE_ROLES;
      escalate = Capability.ESCALATE_ROLES;
    } else {
      return; // a ClusterRoleBinding to a Role, or an unknown kind: nothing could ever resolve it
    }
    Optional<CapabilityGrant> c = caps.find(create, ns, null);
    Optional<CapabilityGrant> e = caps.find(escalate, ns, null);
    if (c.isPresent() && e.isPresent()) {
      edge(target, EdgeKind.CREATE_MISSING_BOUND_ROLE, c.get().permit(ns, null), e.get().permit(ns, null),
          "the missing " + kind + " " + b.binding().roleRef().name() + by);
    }
  }
}

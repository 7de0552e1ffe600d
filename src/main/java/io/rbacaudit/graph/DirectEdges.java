package io.rbacaudit.graph;

import io.rbacaudit.model.Secret;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import java.util.List;
import java.util.Map;

/**
 * The hops one grant makes on its own: one edge per grant and target, so a subject with two grants of the same step
 * gets two parallel edges. Cost: for each grant, its targets: one fan-out vertex for a grant without resourceNames
 * ("any token Secret of N", "any Deployment", "any user"), else the named objects in scope.
 */
final class DirectEdges {

  private static final Map<String, WorkloadKind> KIND_OF_RESOURCE = Map.of(
      "deployments", WorkloadKind.DEPLOYMENT, "daemonsets", WorkloadKind.DAEMON_SET,
      "statefulsets", WorkloadKind.STATEFUL_SET, "replicasets", WorkloadKind.REPLICA_SET,
      "replicationcontrollers", WorkloadKind.REPLICATION_CONTROLLER, "cronjobs", WorkloadKind.CRON_JOB);

  private final Vertex actor;
  private final Capabilities caps;
  private final GraphAssembly graph;
  private final InventoryIndex index;

  private DirectEdges(Vertex actor, Capabilities caps, GraphAssembly graph) {
    this.actor = actor;
    this.caps = caps;
    this.graph = graph;
    this.index = graph.index;
  }

  static void add(Vertex actor, Capabilities caps, GraphAssembly graph) {
    if (!caps.isEmpty()) {
      new DirectEdges(actor, caps, graph).add();
    }
  }

  private void add() {
    for (CapabilityGrant g : caps.all(Capability.CREATE_PODS)) {
      hop(graph.anyServiceAccount(g.scope()), EdgeKind.POD_CREATE_ASSUME_SA, g.permit(g.scope(), null), null);
    }
    for (CapabilityGrant g : caps.all(Capability.CREATE_WORKLOADS)) {
      hop(graph.anyServiceAccount(g.scope()), EdgeKind.WORKLOAD_CREATE_ASSUME_SA, g.permit(g.scope(), null), null);
    }
    caps.all(Capability.PATCH_WORKLOADS).forEach(this::patchWorkloads);
    caps.all(Capability.PATCH_PODS).forEach(g -> enterPods(g, EdgeKind.POD_PATCH_IMAGE_STEAL_TOKEN));
    caps.all(Capability.EXEC_PODS).forEach(g -> enterPods(g, EdgeKind.POD_EXEC_STEAL_TOKEN));
    caps.all(Capability.EPHEMERAL_CONTAINERS).forEach(g -> enterPods(g, EdgeKind.EPHEMERAL_CONTAINER_STEAL_TOKEN));
    for (CapabilityGrant g : caps.all(Capability.NODES_PROXY)) {
      hop(Vertex.Target.NODE_ACCESS, EdgeKind.NODES_PROXY_EXEC_STEAL_TOKEN, g.permit(null, null), null);
    }
    caps.all(Capability.READ_SECRETS).forEach(this::readTokenSecrets);
    for (CapabilityGrant g : caps.all(Capability.LIST_SECRETS)) {
      hop(Vertex.Target.ALL_SECRETS, EdgeKind.READ_ALL_SECRETS, g.permit(null, null), null);
    }
    caps.all(Capability.TOKEN_REQUEST).forEach(g -> serviceAccounts(g, EdgeKind.TOKEN_REQUEST));
    caps.all(Capability.IMPERSONATE_SERVICEACCOUNTS).forEach(g -> serviceAccounts(g, EdgeKind.IMPERSONATE_SERVICEACCOUNT));
    caps.all(Capability.IMPERSONATE_USERS).forEach(this::impersonateUsers);
  }

  private void hop(Vertex target, EdgeKind kind, Permit permit, String detail) {
    graph.edge(new Edge(actor, target, kind, permit, List.of(), detail));
  }

  /** Patching a controller's pod template runs it as another ServiceAccount of its namespace. */
  private void patchWorkloads(CapabilityGrant g) {
    WorkloadKind kind = KIND_OF_RESOURCE.get(g.target().resource());
    if (g.scope() == null && g.names().isEmpty()) {
      Vertex any = graph.anyController(kind);
      if (any != null) {
        hop(any, EdgeKind.WORKLOAD_PATCH_ASSUME_SA, g.permit(null, null), null);
      }
      return;
    }
    for (String ns : index.namespacesOf(g.scope())) {
      for (Workload w : index.workloads(ns)) {
        if (w.kind() == kind && g.allowsName(w.name())) {
          hop(graph.anyServiceAccount(ns), EdgeKind.WORKLOAD_PATCH_ASSUME_SA, g.permit(ns, w.name()),
              "switch the pod template of " + w.ref() + " to another ServiceAccount");
          break;
        }
      }
    }
  }

  /**
   * Into running pods: any pod for a grant without resourceNames; otherwise only Pods named in it (a controller's
   * pods have generated names).
   */
  private void enterPods(CapabilityGrant g, EdgeKind kind) {
    if (g.names().isEmpty()) {
      hop(graph.anyWorkload(g.scope()), kind, g.permit(g.scope(), null), null);
      return;
    }
    for (String ns : index.namespacesOf(g.scope())) {
      for (Workload w : index.workloads(ns)) {
        if (w.kind() == WorkloadKind.POD && g.allowsName(w.name()) && index.worthEntering(w)) {
          hop(new Vertex.Workload(w.ref()), kind, g.permit(ns, w.name()), null);
        }
      }
    }
  }

  /** get, list and watch all return a Secret's data; list and watch with a field selector carry its name. */
  private void readTokenSecrets(CapabilityGrant g) {
    if (g.names().isEmpty()) {
      Vertex any = graph.anyTokenSecret(g.scope());
      if (any != null) {
        hop(any, EdgeKind.READ_TOKEN_SECRET, g.permit(g.scope(), null), null);
      }
      return;
    }
    for (String ns : index.namespacesOf(g.scope())) {
      for (Secret s : index.tokenSecrets(ns)) {
        if (g.allowsName(s.name())) {
          hop(Vertex.Identity.of(Subject.serviceAccount(ns, s.serviceAccountName())), EdgeKind.READ_TOKEN_SECRET,
              g.permit(ns, s.name()), "legacy token Secret " + ns + "/" + s.name());
        }
      }
    }
  }

  /** Token requests and ServiceAccount impersonation name the ServiceAccount, so resourceNames limit them. */
  private void serviceAccounts(CapabilityGrant g, EdgeKind kind) {
    if (g.names().isEmpty()) {
      hop(graph.anyServiceAccount(g.scope()), kind, g.permit(g.scope(), null), null);
      return;
    }
    for (String name : g.names()) {
      for (Subject sa : index.serviceAccountsByName.getOrDefault(name, List.of())) {
        if (g.appliesIn(sa.namespace())) {
          hop(Vertex.Identity.of(sa), kind, g.permit(sa.namespace(), name), null);
        }
      }
    }
  }

  /** Users are cluster-scoped; a ServiceAccount's user name is checked as serviceaccounts, not users. */
  private void impersonateUsers(CapabilityGrant g) {
    if (g.names().isEmpty()) {
      hop(graph.anyUser(), EdgeKind.IMPERSONATE_USER, g.permit(null, null), null);
      return;
    }
    for (Subject s : index.identities) {
      if (s.kind() == SubjectKind.USER && g.allowsName(s.name())) {
        hop(Vertex.Identity.of(s), EdgeKind.IMPERSONATE_USER, g.permit(null, s.name()), null);
      }
    }
  }
}

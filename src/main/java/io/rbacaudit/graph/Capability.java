package io.rbacaudit.graph;

import java.util.List;

/**
 * The requests that escalation edges are made of, as probes that one policy rule either matches or not. Each
 * probe lists verbs (the first one a rule allows names the permission), and the group, resource and subresource
 * it acts on, compared with the authorizer's own matchers.
 */
enum Capability {
  CREATE_PODS(Scope.NAMESPACED, Names.NONE, verbs("create"), on("", "pods")),
  CREATE_WORKLOADS(Scope.NAMESPACED, Names.NONE, verbs("create"), WorkloadResources.ALL),
  PATCH_WORKLOADS(Scope.NAMESPACED, Names.ANY, verbs("patch", "update"), WorkloadResources.PATCHABLE),
  PATCH_PODS(Scope.NAMESPACED, Names.ANY, verbs("patch", "update"), on("", "pods")),
  EXEC_PODS(Scope.NAMESPACED, Names.ANY, verbs("create"), on("", "pods", "exec"), on("", "pods", "attach")),
  EPHEMERAL_CONTAINERS(Scope.NAMESPACED, Names.ANY, verbs("patch", "update"), on("", "pods", "ephemeralcontainers")),
  // Controllers name their pods at random, so only a delete of any pod makes one come back through a webhook.
  DELETE_PODS(Scope.NAMESPACED, Names.NONE, verbs("delete"), on("", "pods")),
  // Which pods a named node runs is unknown, so a proxy limited to some nodes is not counted.
  NODES_PROXY(Scope.CLUSTER, Names.NONE, verbs("get", "create"), on("", "nodes", "proxy")),
  READ_SECRETS(Scope.NAMESPACED, Names.ANY, verbs("get", "list", "watch"), on("", "secrets")),
  LIST_SECRETS(Scope.CLUSTER, Names.NONE, verbs("list", "watch"), on("", "secrets")),
  CREATE_SECRETS(Scope.NAMESPACED, Names.NONE, verbs("create"), on("", "secrets")),
  TOKEN_REQUEST(Scope.NAMESPACED, Names.ANY, verbs("create"), on("", "serviceaccounts", "token")),
  IMPERSONATE_USERS(Scope.CLUSTER, Names.ANY, verbs("impersonate"), on("", "users")),
  IMPERSONATE_GROUPS(Scope.CLUSTER, Names.ANY, verbs("impersonate"), on("", "groups")),
  IMPERSONATE_SERVICEACCOUNTS(Scope.NAMESPACED, Names.ANY, verbs("impersonate"), on("", "serviceaccounts")),
  CREATE_CSR(Scope.CLUSTER, Names.NONE, verbs("create"), on(Groups.CERTIFICATES, "certificatesigningrequests")),
  APPROVE_CSR(Scope.CLUSTER, Names.ANY, verbs("update"), on(Groups.CERTIFICATES, "certificatesigningrequests", "approval")),
  APPROVE_SIGNER(Scope.CLUSTER, Names.ANY, verbs("approve"), on(Groups.CERTIFICATES, "signers")),
  GET_CSR(Scope.CLUSTER, Names.ANY, verbs("get", "list", "watch"), on(Groups.CERTIFICATES, "certificatesigningrequests")),
  // An update needs the name of an existing configuration, which the inputs do not hold: any name is required.
  WRITE_MUTATING_WEBHOOKS(Scope.CLUSTER, Names.NONE, verbs("create", "update", "patch"),
      on(Groups.ADMISSION, "mutatingwebhookconfigurations")),
  CREATE_CLUSTERROLEBINDINGS(Scope.CLUSTER, Names.NONE, verbs("create"), on(Groups.RBAC, "clusterrolebindings")),
  CREATE_ROLEBINDINGS(Scope.NAMESPACED, Names.NONE, verbs("create"), on(Groups.RBAC, "rolebindings")),
  // The bind check of a RoleBinding is made in its namespace, so a namespaced grant of bind on clusterroles counts.
  BIND_CLUSTERROLES(Scope.NAMESPACED, Names.ANY, verbs("bind"), on(Groups.RBAC, "clusterroles")),
  BIND_ROLES(Scope.NAMESPACED, Names.ANY, verbs("bind"), on(Groups.RBAC, "roles")),
  UPDATE_CLUSTERROLES(Scope.CLUSTER, Names.ANY, verbs("update", "patch"), on(Groups.RBAC, "clusterroles")),
  UPDATE_ROLES(Scope.NAMESPACED, Names.ANY, verbs("update", "patch"), on(Groups.RBAC, "roles")),
  CREATE_CLUSTERROLES(Scope.CLUSTER, Names.NONE, verbs("create"), on(Groups.RBAC, "clusterroles")),
  CREATE_ROLES(Scope.NAMESPACED, Names.NONE, verbs("create"), on(Groups.RBAC, "roles")),
  ESCALATE_CLUSTERROLES(Scope.CLUSTER, Names.ANY, verbs("escalate"), on(Groups.RBAC, "clusterroles")),
  ESCALATE_ROLES(Scope.NAMESPACED, Names.ANY, verbs("escalate"), on(Groups.RBAC, "roles")),
  /** Verb, group and resource {@code *}: a request for verb {@code *} matches only a rule that says {@code *}. */
  ALL_RESOURCES(Scope.CLUSTER, Names.NONE, verbs("*"), on("*", "*")),
  /** Verb {@code *} on URL {@code *}; matched as a non-resource request. */
  ALL_URLS(Scope.CLUSTER, Names.NONE, verbs("*"), List.of());

  /** Where a grant of the capability can apply: a ClusterRoleBinding, or also a RoleBinding. */
  enum Scope {
    CLUSTER,
    NAMESPACED
  }

  /** NONE: the request never carries a name (create) or a name unknown to the inputs, so resourceNames never help. */
  enum Names {
    NONE,
    ANY
  }

  /** What a probe acts on. */
  record Target(String group, String resource, String subresource) {}

  static final class Groups {
    static final String RBAC = "rbac.authorization.k8s.io";
    static final String CERTIFICATES = "certificates.k8s.io";
    static final String ADMISSION = "admissionregistration.k8s.io";

    private Groups() {}
  }

  /** The pod controllers and their resources. Job templates are immutable, so Jobs cannot be patched to switch. */
  static final class WorkloadResources {
    static final List<Target> ALL = List.of(
        on("apps", "deployments"), on("apps", "daemonsets"), on("apps", "statefulsets"), on("apps", "replicasets"),
        on("", "replicationcontrollers"), on("batch", "jobs"), on("batch", "cronjobs"));
    static final List<Target> PATCHABLE = ALL.stream().filter(t -> !t.resource().equals("jobs")).toList();

    private WorkloadResources() {}
  }

  private final Scope scope;
  private final Names names;
  private final List<String> verbs;
  private final List<Target> targets;

  Capability(Scope scope, Names names, List<String> verbs, Target... targets) {
    this(scope, names, verbs, List.of(targets));
  }

  Capability(Scope scope, Names names, List<String> verbs, List<Target> targets) {
    this.scope = scope;
    this.names = names;
    this.verbs = verbs;
    this.targets = targets;
  }

  Scope scope() {
    return scope;
  }

  Names names() {
    return names;
  }

  List<String> verbs() {
    return verbs;
  }

  List<Target> targets() {
    return targets;
  }

  private static List<String> verbs(String... v) {
    return List.of(v);
  }

  private static Target on(String group, String resource) {
    return new Target(group, resource, "");
  }

  private static Target on(String group, String resource, String subresource) {
    return new Target(group, resource, subresource);
  }
}

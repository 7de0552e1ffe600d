package io.rbacaudit.graph;

/**
 * The kinds of edges. Hops are the steps of spec/escalation.md's table (plus {@code node-escape} and
 * {@code read-all-secrets}); steps cost nothing (membership, a workload holding its token, a choice among many);
 * structure edges show who is bound to what and are never part of a path.
 */
public enum EdgeKind {
  POD_CREATE_ASSUME_SA("pod-create-assume-sa", Category.HOP),
  WORKLOAD_CREATE_ASSUME_SA("workload-create-assume-sa", Category.HOP),
  WORKLOAD_PATCH_ASSUME_SA("workload-patch-assume-sa", Category.HOP),
  POD_PATCH_IMAGE_STEAL_TOKEN("pod-patch-image-steal-token", Category.HOP),
  POD_EXEC_STEAL_TOKEN("pod-exec-steal-token", Category.HOP),
  EPHEMERAL_CONTAINER_STEAL_TOKEN("ephemeral-container-steal-token", Category.HOP),
  NODES_PROXY_EXEC_STEAL_TOKEN("nodes-proxy-exec-steal-token", Category.HOP),
  READ_TOKEN_SECRET("read-token-secret", Category.HOP),
  MINT_TOKEN_SECRET("mint-token-secret", Category.HOP),
  TOKEN_REQUEST("token-request", Category.HOP),
  IMPERSONATE_USER("impersonate-user", Category.HOP),
  IMPERSONATE_GROUP("impersonate-group", Category.HOP),
  IMPERSONATE_SERVICEACCOUNT("impersonate-serviceaccount", Category.HOP),
  CSR_ISSUE_CLIENT_CERT("csr-issue-client-cert", Category.HOP),
  MUTATING_WEBHOOK_INJECT("mutating-webhook-inject", Category.HOP),
  BIND_CLUSTERROLE("bind-clusterrole", Category.HOP),
  BIND_ROLE_IN_NAMESPACE("bind-role-in-namespace", Category.HOP),
  ESCALATE_UPDATE_BOUND_ROLE("escalate-update-bound-role", Category.HOP),
  CREATE_MISSING_BOUND_ROLE("create-missing-bound-role", Category.HOP),
  CREATE_CLUSTERROLE_AGGREGATED_INTO_BOUND_ROLE("create-clusterrole-aggregated-into-bound-role", Category.HOP),
  /** A privileged or host-path workload, once compromised, owns its node. */
  NODE_ESCAPE("node-escape", Category.HOP),
  /** list or watch Secrets cluster-wide. */
  READ_ALL_SECRETS("read-all-secrets", Category.HOP),

  /** An identity is in a group (every ServiceAccount is in system:serviceaccounts...). */
  MEMBER_OF("member-of", Category.STEP),
  /** A workload holds its ServiceAccount's token (automount or a projected token volume). */
  RUNS_AS("runs-as", Category.STEP),
  /** A workload mounts another legacy token Secret by name. */
  MOUNTS_TOKEN_SECRET("mounts-token-secret", Category.STEP),
  /** Node access yields the tokens of the pods that may run on the node. */
  NODE_TOKEN("node-token", Category.STEP),
  /** The identity already holds cluster-admin equivalence (or is system:masters). */
  EQUIVALENT("equivalent", Category.STEP),
  /** From "any ServiceAccount / workload of N" to one of them: the attacker's choice. */
  ANY_OF("any-of", Category.STEP),

  /** A subject named in a binding. */
  SUBJECT_OF("subject-of", Category.STRUCTURE),
  /** A binding's roleRef. */
  ROLE_REF("role-ref", Category.STRUCTURE);

  /** Hops count towards path length; steps are free; structure is never walked. */
  public enum Category {
    HOP,
    STEP,
    STRUCTURE
  }

  private final String id;
  private final Category category;

  EdgeKind(String id, Category category) {
    this.id = id;
    this.category = category;
  }

  public String id() {
    return id;
  }

  public Category category() {
    return category;
  }

  public boolean isHop() {
    return category == Category.HOP;
  }

  @Override
  public String toString() {
    return id;
  }
}

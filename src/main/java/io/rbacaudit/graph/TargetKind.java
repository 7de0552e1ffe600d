package io.rbacaudit.graph;

import java.util.Locale;
import java.util.Optional;

/** The targets of escalation (spec/escalation.md). */
public enum TargetKind {
  /** Every verb on every resource and URL cluster-wide, or membership of system:masters. */
  CLUSTER_ADMIN("cluster-admin", "cluster-admin equivalence"),
  /** Root on a node, and so every ServiceAccount token mounted by a pod that may run there. */
  NODE_ACCESS("node-access", "node access (every token on a node)"),
  /** Reading every Secret of the cluster. */
  ALL_SECRETS("all-secrets", "every Secret of the cluster");

  private final String id;
  private final String label;

  TargetKind(String id, String label) {
    this.id = id;
    this.label = label;
  }

  public String id() {
    return id;
  }

  public String label() {
    return label;
  }

  public static Optional<TargetKind> parse(String s) {
    for (TargetKind k : values()) {
      if (k.id.equals(s.toLowerCase(Locale.ROOT))) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}

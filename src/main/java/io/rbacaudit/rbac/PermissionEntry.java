package io.rbacaudit.rbac;

import io.rbacaudit.model.PolicyRule;
import java.util.List;
import java.util.Objects;

/**
 * One rule a subject effectively holds, where it applies ({@code namespace}, or null for everywhere, granted by a
 * ClusterRoleBinding), and every grant that gives it. {@code rule}'s location is that of its first grant.
 */
public record PermissionEntry(String namespace, PolicyRule rule, List<Grant> grants) {
  public PermissionEntry {
    Objects.requireNonNull(rule, "rule");
    grants = List.copyOf(grants);
  }
}

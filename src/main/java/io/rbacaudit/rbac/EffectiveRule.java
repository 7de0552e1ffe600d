package io.rbacaudit.rbac;

import io.rbacaudit.model.PolicyRule;
import java.util.Objects;

/**
 * A rule a role effectively holds, with where it was written: for an aggregated ClusterRole, {@code source} is the
 * role that contributed it; otherwise the role itself. {@code index} is the rule's position in {@code source}.
 */
public record EffectiveRule(PolicyRule rule, RoleId source, int index) {
  public EffectiveRule {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(source, "source");
  }
}

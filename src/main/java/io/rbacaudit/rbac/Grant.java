package io.rbacaudit.rbac;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import java.util.Comparator;
import java.util.Objects;

/**
 * Why a subject holds a permission: the binding, the role it references, and the rule (with its index and file:line
 * in the role that wrote it, which differs from {@code role} when the role is aggregated).
 */
public record Grant(ObjectRef binding, boolean bindingBuiltIn, RoleId role, EffectiveRule rule) {

  public static final Comparator<Grant> ORDER =
      Comparator.comparing(Grant::binding)
          .thenComparing(g -> g.role().toString())
          .thenComparing(g -> g.rule().source().toString())
          .thenComparingInt(g -> g.rule().index());

  public Grant {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(rule, "rule");
  }

  public PolicyRule policyRule() {
    return rule.rule();
  }

  public int ruleIndex() {
    return rule.index();
  }

  public Location location() {
    return rule.rule().location();
  }

  /** True when the rule came into {@code role} through aggregation from another ClusterRole. */
  public boolean aggregated() {
    return !rule.source().equals(role);
  }
}

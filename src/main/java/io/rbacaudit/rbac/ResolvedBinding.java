package io.rbacaudit.rbac;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Subject;
import java.util.List;
import java.util.Objects;

/**
 * A binding with its roleRef resolved as the authorizer resolves it.
 *
 * @param role the referenced role, or null when it is missing or cannot be referenced (a ClusterRoleBinding to a
 *     Role, an unknown roleRef kind): such a binding grants nothing
 * @param rules the role's effective rules (aggregation applied); empty when {@code role} is null
 * @param subjects the subjects that can match: ServiceAccounts without a namespace take the RoleBinding's, and are
 *     dropped from a ClusterRoleBinding (they never match there)
 */
public record ResolvedBinding(Binding binding, Role role, List<EffectiveRule> rules, List<Subject> subjects) {

  public ResolvedBinding {
    Objects.requireNonNull(binding, "binding");
    rules = List.copyOf(rules);
    subjects = List.copyOf(subjects);
  }

  public boolean isClusterWide() {
    return binding.kind() == BindingKind.CLUSTER_ROLE_BINDING;
  }

  /** The namespace a grant through this binding applies to; null for a ClusterRoleBinding (everywhere). */
  public String scope() {
    return isClusterWide() ? null : binding.namespace();
  }

  public boolean roleMissing() {
    return role == null;
  }

  public Grant grant(EffectiveRule rule) {
    return new Grant(binding.ref(), binding.builtIn(), RoleId.of(role), rule);
  }
}

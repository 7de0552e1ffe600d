package io.rbacaudit.findings;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Role;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code standard} exclude preset's verdict on one finding. A check marks a finding {@code defaultPolicy} when
 * only unchanged Kubernetes defaults or control-plane identities raise it; this filter trusts that mark only when
 * nothing contradicts it, because hiding a real grant is worse than showing a default one:
 * <ul>
 *   <li>never for RBAC-103 and RBAC-104 (anonymous, unauthenticated and all-authenticated access: DESIGN.md 6);
 *   <li>never when the subject or any evidence is a role or binding that is not an unchanged default (a changed
 *       default binding, a default role granting more than shipped, a user role aggregated into a default).
 * </ul>
 */
final class PresetFilter {

  static final Set<String> NEVER_EXCLUDED = Set.of("RBAC-103", "RBAC-104");

  private static final Set<String> ROLE_KINDS = Set.of("Role", "ClusterRole");
  private static final Set<String> BINDING_KINDS = Set.of("RoleBinding", "ClusterRoleBinding");

  private final DefaultPolicy defaults;
  private final Map<ObjectRef, Role> roles = new HashMap<>();
  private final Map<ObjectRef, Binding> bindings = new HashMap<>();

  /** @param inventory what the rules ran on (with the defaults that were applied) */
  PresetFilter(DefaultPolicy defaults, Inventory inventory) {
    this.defaults = defaults;
    for (Role r : inventory.roles()) {
      roles.putIfAbsent(r.ref(), r);
    }
    for (Binding b : inventory.bindings()) {
      bindings.putIfAbsent(b.ref(), b);
    }
  }

  boolean excludes(Finding finding) {
    if (!finding.defaultPolicy() || NEVER_EXCLUDED.contains(finding.ruleId())) {
      return false;
    }
    if (!unchangedOrOther(finding.subject())) {
      return false;
    }
    for (Evidence e : finding.evidence()) {
      boolean unchanged = e instanceof Evidence.GrantEvidence g
          ? unchanged(g.grant())
          : unchangedOrOther(((Evidence.ObjectEvidence) e).object());
      if (!unchanged) {
        return false;
      }
    }
    return true;
  }

  private boolean unchanged(Grant g) {
    return (g.bindingBuiltIn() || unchangedBinding(g.binding()))
        && unchanged(g.role())
        && unchanged(g.rule().source());
  }

  private boolean unchanged(RoleId role) {
    return role.builtIn() || unchangedRole(new ObjectRef(role.kind().kubeName(), role.name(), role.namespace()));
  }

  /** True for objects that are not roles or bindings (ServiceAccounts, workloads): they do not decide. */
  private boolean unchangedOrOther(ObjectRef ref) {
    if (ROLE_KINDS.contains(ref.kind())) {
      return unchangedRole(ref);
    }
    if (BINDING_KINDS.contains(ref.kind())) {
      return unchangedBinding(ref);
    }
    return true;
  }

  /** An unknown role or binding is not known to be a default, so it is not one. */
  private boolean unchangedRole(ObjectRef ref) {
    Role r = roles.get(ref);
    return r != null && defaults.isUnchangedDefault(r);
  }

  private boolean unchangedBinding(ObjectRef ref) {
    Binding b = bindings.get(ref);
    return b != null && defaults.isUnchangedDefault(b);
  }
}

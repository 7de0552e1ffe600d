package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.Covers;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Kubernetes defaults (as shipped, whatever the inputs hold) grant to the identities every cluster has:
 * {@code system:authenticated}, {@code system:unauthenticated}, {@code system:serviceaccounts}... A grant to such an
 * identity is "beyond the defaults" when the default grants of the identity, and of the broader groups its members
 * always belong to, do not cover it (rbac/Covers: the API server's own containment test). So a re-statement of a
 * default grant (say an unlabelled copy of {@code system:public-info-viewer} for {@code system:unauthenticated}) is
 * not beyond; {@code system:discovery} for {@code system:unauthenticated}, which Kubernetes removed in 1.14, is.
 */
final class DefaultGrants {

  private static final String SERVICE_ACCOUNT_GROUP_PREFIX = "system:serviceaccounts:";

  /**
   * Default bindings newer than the bundled copy of cluster-role-bindings.yaml (see its SOURCE.md): Kubernetes 1.21+
   * binds {@code system:service-account-issuer-discovery} to every ServiceAccount.
   */
  private static final Map<String, List<String>> LATER_DEFAULTS =
      Map.of("Group/" + Impersonation.ALL_SERVICE_ACCOUNTS, List.of("system:service-account-issuer-discovery"));

  private final Map<String, List<PolicyRule>> rulesByIdentity = new HashMap<>();

  DefaultGrants(ScanContext context) {
    Map<String, Role> clusterRoles = new HashMap<>();
    for (Role r : context.shippedDefaultRoles()) {
      if (r.kind() == RoleKind.CLUSTER_ROLE) {
        clusterRoles.put(r.name(), r);
      }
    }
    for (Binding b : context.shippedDefaultBindings()) {
      Role role = clusterRoles.get(b.roleRef().name());
      if (b.kind() != BindingKind.CLUSTER_ROLE_BINDING || !"ClusterRole".equals(b.roleRef().kind()) || role == null) {
        continue; // the namespaced defaults name control-plane users and kube-system ServiceAccounts only
      }
      for (Subject s : b.subjects()) {
        if (s.kind() != SubjectKind.SERVICE_ACCOUNT) {
          rulesByIdentity.computeIfAbsent(key(s), k -> new ArrayList<>()).addAll(role.rules());
        }
      }
    }
    LATER_DEFAULTS.forEach((identity, roles) -> {
      for (String name : roles) {
        Role role = clusterRoles.get(name);
        if (role != null) {
          rulesByIdentity.computeIfAbsent(identity, k -> new ArrayList<>()).addAll(role.rules());
        }
      }
    });
  }

  /** Whether the defaults already give this rule to this identity (or to groups all its members are in). */
  boolean covered(Subject identity, PolicyRule rule) {
    List<PolicyRule> owner = new ArrayList<>();
    for (String k : withImpliedGroups(identity)) {
      owner.addAll(rulesByIdentity.getOrDefault(k, List.of()));
    }
    return !owner.isEmpty() && Covers.covers(owner, rule);
  }

  /** The identity and the groups every one of its members is always in. */
  private static Set<String> withImpliedGroups(Subject identity) {
    Set<String> out = new LinkedHashSet<>();
    out.add(key(identity));
    String name = identity.name();
    if (identity.kind() == SubjectKind.SERVICE_ACCOUNT) {
      out.add("Group/" + SERVICE_ACCOUNT_GROUP_PREFIX + identity.namespace());
      out.add("Group/" + Impersonation.ALL_SERVICE_ACCOUNTS);
      out.add("Group/" + Impersonation.AUTHENTICATED);
    } else if (identity.kind() == SubjectKind.USER) {
      out.add("Group/" + (name.equals(Impersonation.ANONYMOUS)
          ? Impersonation.UNAUTHENTICATED : Impersonation.AUTHENTICATED));
    } else if (name.startsWith(SERVICE_ACCOUNT_GROUP_PREFIX) || name.equals(Impersonation.ALL_SERVICE_ACCOUNTS)) {
      out.add("Group/" + Impersonation.ALL_SERVICE_ACCOUNTS);
      out.add("Group/" + Impersonation.AUTHENTICATED);
    }
    return out;
  }

  private static String key(Subject s) {
    return s.kind().kubeName() + "/" + s.name();
  }
}

package io.rbacaudit.rules.permission;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The control plane's own identities, whose permissions the standard exclude preset skips (DESIGN.md section 6):
 * the controller manager, scheduler and kube-proxy users, the nodes, and the kube-system ServiceAccounts that
 * Kubernetes' default bindings name (its controllers). Anonymous and all-authenticated groups are never among them.
 */
final class ControlPlaneIdentities {

  static final Set<String> USERS =
      Set.of("system:kube-controller-manager", "system:kube-scheduler", "system:kube-proxy");
  static final String NODE_USER_PREFIX = "system:node:";
  static final String NODES_GROUP = "system:nodes";
  static final String KUBE_SYSTEM = "kube-system";

  private final Set<Subject> controllerAccounts = new HashSet<>();

  ControlPlaneIdentities(List<Binding> shippedDefaultBindings) {
    for (Binding b : shippedDefaultBindings) {
      for (Subject s : b.subjects()) {
        if (s.kind() != SubjectKind.SERVICE_ACCOUNT) {
          continue;
        }
        String ns = s.namespace() != null ? s.namespace()
            : b.kind() == BindingKind.ROLE_BINDING ? b.namespace() : null;
        if (KUBE_SYSTEM.equals(ns)) {
          controllerAccounts.add(Subject.serviceAccount(ns, s.name()));
        }
      }
    }
  }

  boolean contains(Subject s) {
    return switch (s.kind()) {
      case USER -> USERS.contains(s.name()) || s.name().startsWith(NODE_USER_PREFIX);
      case GROUP -> NODES_GROUP.equals(s.name());
      case SERVICE_ACCOUNT -> controllerAccounts.contains(s);
    };
  }
}

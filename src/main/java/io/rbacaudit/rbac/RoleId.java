package io.rbacaudit.rbac;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.Objects;

/** A role as it appears in an answer: kind, name, namespace (Roles only) and whether it is a Kubernetes default. */
public record RoleId(RoleKind kind, String name, String namespace, boolean builtIn) {
  public RoleId {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static RoleId of(Role role) {
    return new RoleId(role.kind(), role.name(), role.namespace(), role.builtIn());
  }

  @Override
  public String toString() {
    return kind.kubeName() + "/" + (namespace == null ? "" : namespace + "/") + name + (builtIn ? " (built-in)" : "");
  }
}

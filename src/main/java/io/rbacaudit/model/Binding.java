package io.rbacaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * A RoleBinding (namespaced) or ClusterRoleBinding. Subjects of kinds the authorizer never matches are dropped by
 * the loader with a warning.
 */
public record Binding(BindingKind kind, ObjectMeta meta, RoleRef roleRef, List<Subject> subjects, boolean builtIn) {

  public Binding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(roleRef, "roleRef");
    subjects = List.copyOf(subjects);
    if (kind == BindingKind.ROLE_BINDING && meta.namespace() == null) {
      throw new IllegalArgumentException("a RoleBinding needs a namespace: " + meta.name());
    }
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }

  public ObjectRef ref() {
    return new ObjectRef(kind.kubeName(), meta.name(), meta.namespace());
  }
}

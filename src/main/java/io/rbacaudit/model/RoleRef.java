package io.rbacaudit.model;

import java.util.Objects;

/** A binding's roleRef as written: {@code kind} other than Role or ClusterRole resolves to nothing. */
public record RoleRef(String kind, String name, String apiGroup) {
  public RoleRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }
}

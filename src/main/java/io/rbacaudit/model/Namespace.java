package io.rbacaudit.model;

import java.util.Objects;

public record Namespace(ObjectMeta meta) {
  public Namespace {
    Objects.requireNonNull(meta, "meta");
  }

  public String name() {
    return meta.name();
  }
}

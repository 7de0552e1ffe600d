package io.rbacaudit.model;

import java.util.List;
import java.util.Objects;

/** A ServiceAccount; {@code automountServiceAccountToken} is null when unset (Kubernetes then mounts). */
public record ServiceAccount(ObjectMeta meta, Boolean automountServiceAccountToken, List<String> secrets) {
  public ServiceAccount {
    Objects.requireNonNull(meta, "meta");
    secrets = List.copyOf(secrets);
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }
}

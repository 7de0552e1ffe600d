package io.rbacaudit.model;

import java.util.Objects;

/**
 * A Secret's metadata only: type, name, namespace and annotations. {@code data} and {@code stringData} are never
 * read into the model (the loader drops them while parsing), so no value can reach a report.
 */
public record Secret(ObjectMeta meta, String type) {

  public static final String SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";
  public static final String SERVICE_ACCOUNT_NAME_ANNOTATION = "kubernetes.io/service-account.name";

  public Secret {
    Objects.requireNonNull(meta, "meta");
    if (!meta.labels().isEmpty()) {
      throw new IllegalArgumentException("a Secret keeps no labels");
    }
  }

  public boolean isServiceAccountToken() {
    return SERVICE_ACCOUNT_TOKEN.equals(type);
  }

  /** The ServiceAccount a token Secret belongs to, or null. */
  public String serviceAccountName() {
    return meta.annotations().get(SERVICE_ACCOUNT_NAME_ANNOTATION);
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }
}

package io.rbacaudit.model;

import java.util.Map;
import java.util.Objects;

/**
 * The metadata every loaded object keeps. {@code namespace} is null for cluster-scoped objects; namespaced objects
 * always carry one (the loader applies {@code --default-namespace}, as {@code kubectl apply} would).
 */
public record ObjectMeta(
    String name,
    String namespace,
    Map<String, String> labels,
    Map<String, String> annotations,
    Location location) {

  public ObjectMeta {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(location, "location");
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
  }
}

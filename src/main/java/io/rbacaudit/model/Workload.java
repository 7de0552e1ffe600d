package io.rbacaudit.model;

import java.util.Objects;

/** A Pod, or a controller (Deployment, CronJob, ...) described by its pod template. */
public record Workload(WorkloadKind kind, ObjectMeta meta, PodSpec pod) {
  public Workload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(meta, "meta");
    Objects.requireNonNull(pod, "pod");
    if (meta.namespace() == null) {
      throw new IllegalArgumentException("a workload needs a namespace: " + meta.name());
    }
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }

  public Subject serviceAccount() {
    return Subject.serviceAccount(meta.namespace(), pod.effectiveServiceAccountName());
  }

  public ObjectRef ref() {
    return new ObjectRef(kind.kubeName(), meta.name(), meta.namespace());
  }
}

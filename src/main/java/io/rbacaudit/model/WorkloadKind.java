package io.rbacaudit.model;

import java.util.Optional;

/** The kinds that carry a pod spec: a Pod itself, or a controller's pod template. */
public enum WorkloadKind {
  POD("Pod"),
  DEPLOYMENT("Deployment"),
  STATEFUL_SET("StatefulSet"),
  DAEMON_SET("DaemonSet"),
  REPLICA_SET("ReplicaSet"),
  REPLICATION_CONTROLLER("ReplicationController"),
  JOB("Job"),
  CRON_JOB("CronJob");

  private final String kubeName;

  WorkloadKind(String kubeName) {
    this.kubeName = kubeName;
  }

  public String kubeName() {
    return kubeName;
  }

  public static Optional<WorkloadKind> fromKube(String kind) {
    for (WorkloadKind k : values()) {
      if (k.kubeName.equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kubeName;
  }
}

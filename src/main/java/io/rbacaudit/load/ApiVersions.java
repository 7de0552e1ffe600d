package io.rbacaudit.load;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kinds the loader models and the apiVersions each may be written with (DESIGN.md section 3). */
final class ApiVersions {

  enum Kind {
    ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING, SERVICE_ACCOUNT, SECRET, NAMESPACE,
    POD, REPLICATION_CONTROLLER, DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET, JOB, CRON_JOB
  }

  private static final Set<String> RBAC = Set.of(
      "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1beta1", "rbac.authorization.k8s.io/v1alpha1");
  private static final Set<String> CORE = Set.of("v1");
  // Old apiVersions are still accepted: old manifests use them and their pod template is the same.
  private static final Set<String> APPS =
      Set.of("apps/v1", "apps/v1beta2", "apps/v1beta1", "extensions/v1beta1");
  private static final Set<String> APPS_ONLY = Set.of("apps/v1", "apps/v1beta2", "apps/v1beta1");
  private static final Set<String> JOB = Set.of("batch/v1");
  private static final Set<String> CRON_JOB = Set.of("batch/v1", "batch/v1beta1", "batch/v2alpha1");

  private static final Map<String, Kind> KINDS = Map.ofEntries(
      Map.entry("Role", Kind.ROLE),
      Map.entry("ClusterRole", Kind.CLUSTER_ROLE),
      Map.entry("RoleBinding", Kind.ROLE_BINDING),
      Map.entry("ClusterRoleBinding", Kind.CLUSTER_ROLE_BINDING),
      Map.entry("ServiceAccount", Kind.SERVICE_ACCOUNT),
      Map.entry("Secret", Kind.SECRET),
      Map.entry("Namespace", Kind.NAMESPACE),
      Map.entry("Pod", Kind.POD),
      Map.entry("ReplicationController", Kind.REPLICATION_CONTROLLER),
      Map.entry("Deployment", Kind.DEPLOYMENT),
      Map.entry("StatefulSet", Kind.STATEFUL_SET),
      Map.entry("DaemonSet", Kind.DAEMON_SET),
      Map.entry("ReplicaSet", Kind.REPLICA_SET),
      Map.entry("Job", Kind.JOB),
      Map.entry("CronJob", Kind.CRON_JOB));

  private ApiVersions() {}

  /** The modelled kind, or empty for a kind that is counted and skipped (exact, case-sensitive, as kubectl). */
  static Optional<Kind> kind(String kind) {
    return Optional.ofNullable(KINDS.get(kind));
  }

  static boolean accepts(Kind kind, String apiVersion) {
    return versions(kind).contains(apiVersion);
  }

  static String preferred(Kind kind) {
    return switch (kind) {
      case ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING -> "rbac.authorization.k8s.io/v1";
      case DEPLOYMENT, STATEFUL_SET, DAEMON_SET, REPLICA_SET -> "apps/v1";
      case JOB, CRON_JOB -> "batch/v1";
      default -> "v1";
    };
  }

  private static Set<String> versions(Kind kind) {
    return switch (kind) {
      case ROLE, CLUSTER_ROLE, ROLE_BINDING, CLUSTER_ROLE_BINDING -> RBAC;
      case SERVICE_ACCOUNT, SECRET, NAMESPACE, POD, REPLICATION_CONTROLLER -> CORE;
      case DEPLOYMENT, DAEMON_SET, REPLICA_SET -> APPS;
      case STATEFUL_SET -> APPS_ONLY;
      case JOB -> JOB;
      case CRON_JOB -> CRON_JOB;
    };
  }
}

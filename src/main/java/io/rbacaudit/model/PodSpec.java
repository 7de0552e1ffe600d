package io.rbacaudit.model;

import java.util.List;

/**
 * What rbac-audit needs from a pod spec (a Pod's, or a controller's template). Fields are as written: null when
 * absent. {@link #effectiveServiceAccountName()} applies Kubernetes' defaulting.
 */
public record PodSpec(
    String serviceAccountName,
    String deprecatedServiceAccount,
    Boolean automountServiceAccountToken,
    boolean hostPID,
    boolean hostNetwork,
    boolean hostIPC,
    String nodeName,
    List<Volume> volumes,
    List<Container> containers) {

  public static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  public PodSpec {
    volumes = List.copyOf(volumes);
    containers = List.copyOf(containers);
  }

  /**
   * {@code serviceAccountName}, else the deprecated {@code serviceAccount}, else {@code default}: the API server
   * copies {@code serviceAccount} into an empty {@code serviceAccountName}, and admission fills in {@code default}.
   */
  public String effectiveServiceAccountName() {
    if (serviceAccountName != null && !serviceAccountName.isEmpty()) {
      return serviceAccountName;
    }
    if (deprecatedServiceAccount != null && !deprecatedServiceAccount.isEmpty()) {
      return deprecatedServiceAccount;
    }
    return "default";
  }

  /** A pod volume; exactly the facts about it that matter for tokens and node access. */
  public record Volume(
      String name,
      VolumeType type,
      String secretName,
      boolean projectedServiceAccountToken,
      List<String> projectedSecretNames,
      String hostPath) {
    public Volume {
      projectedSecretNames = projectedSecretNames == null ? List.of() : List.copyOf(projectedSecretNames);
    }
  }

  public enum VolumeType {
    SECRET,
    PROJECTED,
    HOST_PATH,
    OTHER
  }

  /**
   * A container, init container or ephemeral container. {@code secretEnvRefs} names every Secret its env
   * ({@code secretKeyRef}) or envFrom ({@code secretRef}) reads.
   */
  public record Container(
      String name,
      ContainerType type,
      boolean privileged,
      List<VolumeMount> volumeMounts,
      List<String> secretEnvRefs) {
    public Container {
      volumeMounts = List.copyOf(volumeMounts);
      secretEnvRefs = List.copyOf(secretEnvRefs);
    }
  }

  public enum ContainerType {
    CONTAINER,
    INIT,
    EPHEMERAL
  }

  public record VolumeMount(String name, String mountPath) {}
}

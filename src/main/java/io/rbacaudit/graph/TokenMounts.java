package io.rbacaudit.graph;

import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import java.util.ArrayList;
import java.util.List;

/** What a workload's pods hold: their ServiceAccount's token, token Secrets mounted by name, their node. */
final class TokenMounts {

  private TokenMounts() {}

  /**
   * Whether the pods hold their ServiceAccount's token: a projected token volume always does; otherwise the pod's
   * {@code automountServiceAccountToken} wins over the ServiceAccount's, and unset means mounted.
   *
   * @param serviceAccount the ServiceAccount object, or null when the inputs do not define it
   */
  static boolean holdsOwnToken(Workload w, ServiceAccount serviceAccount) {
    for (PodSpec.Volume v : w.pod().volumes()) {
      if (v.type() == PodSpec.VolumeType.PROJECTED && v.projectedServiceAccountToken()) {
        return true;
      }
    }
    Boolean pod = w.pod().automountServiceAccountToken();
    if (pod != null) {
      return pod;
    }
    if (serviceAccount != null && serviceAccount.automountServiceAccountToken() != null) {
      return serviceAccount.automountServiceAccountToken();
    }
    return true;
  }

  /** Every Secret the pods mount or read by name: secret volumes, projected secret sources, env references. */
  static List<String> secretNames(Workload w) {
    List<String> out = new ArrayList<>();
    for (PodSpec.Volume v : w.pod().volumes()) {
      if (v.type() == PodSpec.VolumeType.SECRET && v.secretName() != null) {
        out.add(v.secretName());
      }
      out.addAll(v.projectedSecretNames());
    }
    for (PodSpec.Container c : w.pod().containers()) {
      out.addAll(c.secretEnvRefs());
    }
    return out;
  }

  /** A privileged container or a host path: whoever runs code in the pod owns its node. */
  static boolean reachesNode(Workload w) {
    for (PodSpec.Container c : w.pod().containers()) {
      if (c.privileged()) {
        return true;
      }
    }
    for (PodSpec.Volume v : w.pod().volumes()) {
      if (v.type() == PodSpec.VolumeType.HOST_PATH) {
        return true;
      }
    }
    return false;
  }
}

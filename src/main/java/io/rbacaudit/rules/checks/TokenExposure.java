package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether, and how, a ServiceAccount token reaches a workload's containers, with Kubernetes' precedence
 * (RBAC-601 to 610 all read this):
 *
 * <ul>
 *   <li>automount: the pod's {@code automountServiceAccountToken} wins when set; else the ServiceAccount's (when the
 *       inputs define it); else Kubernetes mounts. The ServiceAccount admission plugin adds the token to every
 *       container and init container that does not already mount something at
 *       {@value PodSpec#TOKEN_MOUNT_PATH} (compared exactly, as the plugin does); ephemeral containers never get
 *       it. A pod spec without containers (an abbreviated manifest) is taken to get it.
 *   <li>a projected volume with a {@code serviceAccountToken} source, mounted by some container: a token of the
 *       pod's own ServiceAccount, whatever automount says.
 *   <li>a token Secret ({@link TokenSecrets}) read through a secret volume, a projected secret source or env
 *       ({@code secretKeyRef}, {@code envFrom}): a token of the Secret's ServiceAccount, which may be another one.
 * </ul>
 *
 * @param serviceAccount the ServiceAccount the pod runs as (empty {@code serviceAccountName} means {@code default}; the
 *     deprecated {@code serviceAccount} field counts)
 * @param automountEnabled what the precedence above decides, before looking at containers
 */
public record TokenExposure(Workload workload, String serviceAccount, boolean automountEnabled, List<Source> sources) {

  /** How a token reaches containers. */
  public enum Way {
    AUTOMOUNT("automounted token"),
    PROJECTED_TOKEN("projected serviceAccountToken volume"),
    SECRET_VOLUME("token Secret mounted as a volume"),
    SECRET_ENV("token Secret read into environment variables");

    private final String text;

    Way(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  /**
   * One way a token reaches containers.
   *
   * @param serviceAccount whose token it is (null when a token Secret's owner is unknown)
   * @param via the volume (automount: none) or Secret name
   * @param containers the containers that see it (empty: a pod spec without containers)
   */
  public record Source(Way way, String serviceAccount, String via, List<String> containers) {
    public Source {
      containers = List.copyOf(containers);
    }

    public String describe() {
      return way.text() + (via == null ? "" : " " + via)
          + (containers.isEmpty() ? "" : " in container" + (containers.size() > 1 ? "s " : " ")
              + RuleText.join(containers, ", "));
    }
  }

  public TokenExposure {
    Objects.requireNonNull(workload, "workload");
    sources = List.copyOf(sources);
  }

  /** Convenience for a single workload; checks that look at many build {@link TokenSecrets} once. */
  public static TokenExposure of(Workload workload, ScanContext context) {
    return of(workload, context, new TokenSecrets(context.inventory()));
  }

  static TokenExposure of(Workload w, ScanContext context, TokenSecrets secrets) {
    PodSpec pod = w.pod();
    String sa = pod.effectiveServiceAccountName();
    ServiceAccount account = context.serviceAccount(w.namespace(), sa).orElse(null);
    boolean automount = automountEnabled(pod, account);
    List<Source> sources = new ArrayList<>();
    if (automount) {
      List<String> receivers = automountReceivers(pod);
      if (pod.containers().isEmpty() || !receivers.isEmpty()) {
        sources.add(new Source(Way.AUTOMOUNT, sa, null, receivers));
      }
    }
    for (PodSpec.Volume v : pod.volumes()) {
      List<String> users = mountedBy(pod, v.name());
      if (users == null) {
        continue;
      }
      if (v.projectedServiceAccountToken()) {
        sources.add(new Source(Way.PROJECTED_TOKEN, sa, v.name(), users));
      }
      List<String> secretNames = v.type() == PodSpec.VolumeType.SECRET
          ? (v.secretName() == null ? List.of() : List.of(v.secretName()))
          : v.projectedSecretNames();
      for (String name : secretNames) {
        secrets.lookup(w.namespace(), name).ifPresent(t ->
            sources.add(new Source(Way.SECRET_VOLUME, t.serviceAccount(), t.name(), users)));
      }
    }
    envSources(w, secrets, sources);
    return new TokenExposure(w, sa, automount, sources);
  }

  /** Pod setting first, then the ServiceAccount's, then Kubernetes' default (mount). */
  static boolean automountEnabled(PodSpec pod, ServiceAccount account) {
    if (pod.automountServiceAccountToken() != null) {
      return pod.automountServiceAccountToken();
    }
    if (account != null && account.automountServiceAccountToken() != null) {
      return account.automountServiceAccountToken();
    }
    return true;
  }

  private static List<String> automountReceivers(PodSpec pod) {
    List<String> out = new ArrayList<>();
    for (PodSpec.Container c : pod.containers()) {
      if (c.type() == PodSpec.ContainerType.EPHEMERAL) {
        continue;
      }
      boolean ownMount = c.volumeMounts().stream().anyMatch(m -> PodSpec.TOKEN_MOUNT_PATH.equals(m.mountPath()));
      if (!ownMount) {
        out.add(label(c));
      }
    }
    return out;
  }

  /** The containers that mount this volume; null when none does (a spec without containers: an empty list). */
  private static List<String> mountedBy(PodSpec pod, String volume) {
    if (pod.containers().isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (PodSpec.Container c : pod.containers()) {
      if (volume != null && c.volumeMounts().stream().anyMatch(m -> volume.equals(m.name()))) {
        out.add(label(c));
      }
    }
    return out.isEmpty() ? null : out;
  }

  private static void envSources(Workload w, TokenSecrets secrets, List<Source> into) {
    Map<String, List<String>> readers = new LinkedHashMap<>();
    for (PodSpec.Container c : w.pod().containers()) {
      for (String name : c.secretEnvRefs()) {
        readers.computeIfAbsent(name, k -> new ArrayList<>()).add(label(c));
      }
    }
    readers.forEach((name, containers) -> secrets.lookup(w.namespace(), name).ifPresent(t ->
        into.add(new Source(Way.SECRET_ENV, t.serviceAccount(), t.name(), containers))));
  }

  private static String label(PodSpec.Container c) {
    return c.name() == null ? "(unnamed)" : c.name();
  }

  /** Whether a token of the ServiceAccount the workload runs as reaches a container, by any way. */
  public boolean ownTokenMounted() {
    return sources.stream().anyMatch(s -> serviceAccount.equals(s.serviceAccount()));
  }

  /** Whether the automounted token reaches a container (what {@code automountServiceAccountToken: false} stops). */
  public boolean automounted() {
    return sources.stream().anyMatch(s -> s.way() == Way.AUTOMOUNT);
  }

  /** The token Secrets the pod reads, by volume or env. */
  public List<Source> tokenSecrets() {
    return sources.stream().filter(s -> s.way() == Way.SECRET_VOLUME || s.way() == Way.SECRET_ENV).toList();
  }

  /** How the workload's own token reaches it, for messages: "automounted token; projected ... volume x". */
  public String describeOwn() {
    return String.join("; ", sources.stream()
        .filter(s -> serviceAccount.equals(s.serviceAccount()))
        .map(Source::describe)
        .toList());
  }
}

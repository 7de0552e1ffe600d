package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Real projects' install manifests (src/test/resources/corpus) load without errors, and every kind is counted as
 * in the shared corpus README's table.
 */
class CorpusTest {

  private static final String CORPUS = "src/test/resources/corpus/";

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = """
      # project,               R, CR, RB, CRB, SA, SAtok, Pod, Deploy, STS, DS, RS, Job, CJ, warnings
      argo-cd,                  6,  3,  6,   3,  7,     0,   0,      6,   1,  0,  0,   0,  0, 0
      # two ClusterRoleBindings name a ServiceAccount without namespace (kustomize fills it in): a warning each
      argo-workflows,           8,  7,  8,   4,  3,     2,   0,      2,   0,  0,  0,   0,  0, 2
      calico,                   0,  6,  1,   5,  4,     0,   0,      2,   0,  1,  0,   0,  0, 0
      cert-manager,             0,  5,  1,   3,  3,     0,   0,      3,   0,  0,  0,   0,  0, 0
      coredns,                  0,  1,  0,   1,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      descheduler,              1,  1,  1,   1,  1,     0,   0,      1,   0,  0,  0,   1,  1, 0
      external-dns,             0,  1,  0,   1,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      flux2,                    0,  1,  0,   2,  4,     0,   0,      4,   0,  0,  0,   0,  0, 0
      ingress-nginx,            2,  2,  2,   2,  2,     0,   0,      1,   0,  0,  0,   2,  0, 0
      istio,                    1,  5,  1,   5,  3,     0,   0,      3,   0,  0,  0,   0,  0, 0
      jenkins-kubernetes-plugin, 1, 0,  1,   0,  1,     0,   0,      0,   1,  0,  0,   0,  0, 0
      # 6 files are symbolic links stored as text (a path): each is a warning, not an error
      knative-serving,          1,  9,  1,   3,  2,     0,   0,      4,   0,  0,  0,   0,  0, 6
      kube-prometheus,          4,  8,  5,   7,  8,     0,   0,      5,   0,  1,  0,   0,  0, 0
      kube-state-metrics,       0,  1,  0,   1,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      kured,                    1,  1,  1,   1,  1,     0,   0,      0,   0,  1,  0,   0,  0, 0
      kyverno,                  1, 12,  1,   1,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      linkerd,                  4, 12,  4,  13,  9,     0,   0,      8,   0,  0,  0,   0,  1, 0
      local-path-provisioner,   1,  1,  1,   1,  1,     0,   1,      1,   0,  0,  0,   0,  0, 0
      metrics-server,           0,  2,  1,   2,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      rook,                     5,  8,  7,   6,  9,     0,   0,      1,   0,  0,  0,   0,  0, 0
      secrets-store-csi-driver, 0,  5,  0,   2,  1,     0,   0,      0,   0,  2,  0,   0,  0, 0
      tekton-pipeline,          6,  7,  8,   5,  4,     0,   0,      4,   0,  0,  0,   0,  0, 0
      # the README counts 4 CRB documents; two of them define the same gateway-controller (warning)
      traefik,                  0,  4,  0,   3,  0,     0,   0,      0,   0,  0,  0,   0,  0, 1
      vault-k8s,                1,  1,  1,   1,  1,     0,   0,      1,   0,  0,  0,   0,  0, 0
      """)
  void loadsWithoutErrorsAndCountsMatch(String project, int r, int cr, int rb, int crb, int sa, int saTok, int pod,
      int deploy, int sts, int ds, int rs, int job, int cj, int warnings) {
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).load(List.of(CORPUS + project));
    assertEquals(List.of(), Loads.errors(inv));
    Map<String, Integer> expected = counts(r, cr, rb, crb, sa, saTok, pod, deploy, sts, ds, rs, job, cj);
    assertEquals(expected, actual(inv));
    assertEquals(warnings, Loads.warnings(inv).size(), () -> Loads.warnings(inv).stream()
        .map(Problem::toString).reduce("", (a, b) -> a + "\n" + b));
  }

  private static Map<String, Integer> counts(int... n) {
    String[] keys = {"R", "CR", "RB", "CRB", "SA", "SAtok", "Pod", "Deploy", "STS", "DS", "RS", "Job", "CJ"};
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      m.put(keys[i], n[i]);
    }
    return m;
  }

  private static Map<String, Integer> actual(Inventory inv) {
    return counts(
        (int) inv.roles().stream().map(Role::kind).filter(k -> k == RoleKind.ROLE).count(),
        (int) inv.roles().stream().map(Role::kind).filter(k -> k == RoleKind.CLUSTER_ROLE).count(),
        (int) inv.bindings().stream().map(Binding::kind).filter(k -> k == BindingKind.ROLE_BINDING).count(),
        (int) inv.bindings().stream().map(Binding::kind).filter(k -> k == BindingKind.CLUSTER_ROLE_BINDING).count(),
        inv.serviceAccounts().size(),
        (int) inv.secrets().stream().filter(Secret::isServiceAccountToken).count(),
        workloads(inv, WorkloadKind.POD), workloads(inv, WorkloadKind.DEPLOYMENT),
        workloads(inv, WorkloadKind.STATEFUL_SET), workloads(inv, WorkloadKind.DAEMON_SET),
        workloads(inv, WorkloadKind.REPLICA_SET), workloads(inv, WorkloadKind.JOB),
        workloads(inv, WorkloadKind.CRON_JOB));
  }

  private static int workloads(Inventory inv, WorkloadKind kind) {
    return (int) inv.workloads().stream().map(Workload::kind).filter(k -> k == kind).count();
  }
}

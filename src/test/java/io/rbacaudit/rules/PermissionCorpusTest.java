package io.rbacaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The permission rules on real projects' manifests (src/test/resources/corpus) agree with what a reviewer sees
 * there, and do not over-report: a token request limited to one named ServiceAccount, or nodes/metrics, is no risk.
 */
class PermissionCorpusTest {

  private static final RuleEngine ENGINE = new RuleEngine(RuleLoader.builtIn(), RuleSelection.all());

  private static Set<String> findings(String project) {
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), null)
        .load(List.of("src/test/resources/corpus/" + project));
    Inventory inventory = KubernetesDefaults.apply(loaded, DefaultsMode.ROLES);
    ScanContext context = new ScanContext(inventory, new Authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
    return ENGINE.run(context).stream().map(Fixtures::describe).collect(Collectors.toSet());
  }

  private static void has(Set<String> findings, String finding) {
    assertTrue(findings.contains(finding), finding + " not in\n" + String.join("\n", new java.util.TreeSet<>(findings)));
  }

  private static void lacks(Set<String> findings, String prefix) {
    List<String> found = findings.stream().filter(f -> f.startsWith(prefix)).toList();
    assertEquals(List.of(), found, "expected no " + prefix);
  }

  @Test
  void calicoOperatorEscalatesButCalicoNodesNamedTokenRequestIsNoRisk() {
    Set<String> calico = findings("calico");
    has(calico, "RBAC-401 ServiceAccount/tigera-operator/tigera-operator namespace=- severity=critical");
    has(calico, "RBAC-402 ServiceAccount/tigera-operator/tigera-operator namespace=- severity=critical");
    lacks(calico, "RBAC-203 ServiceAccount/kube-system/calico-node");
  }

  @Test
  void nodesMetricsIsNotNodesProxy() {
    lacks(findings("kube-prometheus"), "RBAC-307");
    has(findings("linkerd"), "RBAC-307 ServiceAccount/linkerd-viz/prometheus namespace=- severity=critical");
  }

  @Test
  void kyvernosAggregatedReadAllRoleReadsSecretsEverywhere() {
    has(findings("kyverno"), "RBAC-201 ServiceAccount/kyverno/kyverno-service-account namespace=- severity=critical");
  }

  @Test
  void argoCdsApplicationControllerHoldsEverything() {
    has(findings("argo-cd"),
        "RBAC-101 ServiceAccount/argocd/argocd-application-controller namespace=- severity=critical");
  }
}

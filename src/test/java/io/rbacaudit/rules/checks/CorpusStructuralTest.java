package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a reviewer sees on the real-world corpus (corpus/README.md), for the structural rules: argo-workflows'
 * default ServiceAccount misuse and its legacy token Secret; nothing at medium or above on the least-privilege
 * negative controls.
 */
class CorpusStructuralTest {

  private static List<Finding> scan(String project) {
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), InputStream.nullInputStream())
        .load(List.of("src/test/resources/corpus/" + project));
    Inventory inv = KubernetesDefaults.apply(loaded, DefaultsMode.ROLES);
    ScanContext context = new ScanContext(inv, new Authorizer(inv), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
    return Scans.runAll(context);
  }

  private static List<String> summary(List<Finding> found, String rule) {
    return found.stream().filter(f -> f.ruleId().equals(rule))
        .map(f -> f.subject() + " " + f.severity()).toList();
  }

  @Test
  void argoWorkflowsQuickStartMisusesTheDefaultServiceAccount() {
    List<Finding> found = scan("argo-workflows");
    // The quick-start objects are namespace-less, so they land in the default namespace.
    assertEquals(List.of("ServiceAccount/default/default high"), summary(found, "RBAC-601"));
    assertEquals(List.of("Secret/default/default.service-account-token high",
        "Secret/default/github.com.service-account-token medium"), summary(found, "RBAC-605"));
    Finding f = found.stream().filter(x -> x.ruleId().equals("RBAC-601")).findFirst().orElseThrow();
    assertTrue(f.message().contains("create pods"), f.message());
    assertEquals(List.of(), summary(found, "RBAC-604"), "argo-server is bound by a namespace-less subject");
  }

  @ParameterizedTest
  @ValueSource(strings = {"coredns", "external-dns", "metrics-server"})
  void leastPrivilegeProjectsRaiseNothingAtMediumOrAbove(String project) {
    List<String> serious = scan(project).stream().filter(f -> f.severity().atLeast(Severity.MEDIUM))
        .map(f -> f.ruleId() + " " + f.subject()).toList();
    assertEquals(List.of(), serious);
  }
}

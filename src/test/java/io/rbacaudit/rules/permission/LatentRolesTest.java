package io.rbacaudit.rules.permission;

import static io.rbacaudit.rules.permission.Scan.clusterRole;
import static io.rbacaudit.rules.permission.Scan.crb;
import static io.rbacaudit.rules.permission.Scan.rb;
import static io.rbacaudit.rules.permission.Scan.role;
import static io.rbacaudit.rules.permission.Scan.rule;
import static io.rbacaudit.rules.permission.Scan.summary;
import static io.rbacaudit.rules.permission.Scan.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Location;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roles whose permissions reach nobody yet are reported at role level, as latent findings one step below the rule's
 * severity: unbound roles, and ClusterRoles that extend built-in aggregated roles nothing binds. Roles whose rules
 * reach a bound subject, and built-in roles, are not.
 */
class LatentRolesTest {

  private static final String SECRETS_READ =
      "anyOf:\n- {verbs: [get, list, watch], apiGroups: [\"\"], resources: [secrets]}";
  private static final String READ = rule("[\"\"]", "[secrets]", "[get]");

  private static String labelled(String name, String label) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name
        + "\n  labels: {" + label + ": \"true\"}\nrules:\n" + READ + "\n---\n";
  }

  private static String aggregate(String name, String label) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: " + name
        + "\naggregationRule:\n  clusterRoleSelectors:\n  - matchLabels: {" + label + ": \"true\"}\nrules: []\n---\n";
  }

  @Test
  void anUnboundRoleIsLatentInItsNamespaceOneStepLower() {
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), role("Role", "reader", "shop", READ));
    assertEquals(List.of("Role/shop/reader@shop latent"), summary(findings));
    Finding f = findings.get(0);
    assertEquals(Severity.MEDIUM, f.severity());
    assertEquals(Location.file(Scan.FILE, 1), f.location());
    assertEquals("Role shop/reader allows get secrets in namespace shop, but nothing binds it yet: whoever is bound "
        + "to it later gets this.", f.message());
    assertTrue(f.evidence().get(0) instanceof Evidence.ObjectEvidence);
  }

  @Test
  void anUnboundClusterRoleHasNoScopeYet() {
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), clusterRole("reader", READ));
    assertEquals(List.of("ClusterRole/reader@- latent"), summary(findings));
    assertEquals(Severity.MEDIUM, findings.get(0).severity(), "base severity lowered, not the cluster-wide one");
  }

  @Test
  void aBoundRoleIsJudgedThroughItsSubjectsOnly() {
    String yaml = clusterRole("reader", READ) + rb("shop", "b", "ClusterRole", "reader", user("u"));
    assertEquals(List.of("User/u@shop"), summary(Scan.run(Scan.rule(SECRETS_READ), yaml)));
  }

  @Test
  void aRoleCollectedByABoundAggregatedRoleIsNotLatent() {
    String yaml = aggregate("support", "acme/support") + labelled("support-read", "acme/support")
        + crb("b", "support", user("u"));
    assertEquals(List.of("User/u@-"), summary(Scan.run(Scan.rule(SECRETS_READ), yaml)));
  }

  @Test
  void anUnboundAggregatedRoleIsReportedOnceForWhatItCollects() {
    String yaml = aggregate("support", "acme/support") + labelled("support-read", "acme/support");
    assertEquals(List.of("ClusterRole/support@- latent"), summary(Scan.run(Scan.rule(SECRETS_READ), yaml)));
  }

  @Test
  void aRoleExtendingUnboundBuiltInRolesSaysWhomItWillReach() {
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ),
        labelled("reports-edit", "rbac.authorization.k8s.io/aggregate-to-edit"));
    assertEquals(List.of("ClusterRole/reports-edit@- latent"), summary(findings));
    assertEquals("ClusterRole reports-edit allows get secrets, and is aggregated into built-in ClusterRole admin and "
        + "edit: everyone bound to them on the cluster gets this, though no binding in these inputs uses them yet.",
        findings.get(0).message());
  }

  @Test
  void aRoleExtendingABoundBuiltInRoleReachesItsSubjectsInstead() {
    String yaml = labelled("reports-edit", "rbac.authorization.k8s.io/aggregate-to-edit")
        + rb("shop", "b", "ClusterRole", "admin", user("u"));
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), yaml);
    assertEquals(List.of("User/u@shop"), summary(findings));
  }

  @Test
  void builtInRolesAreNeverReportedOnTheirOwn() {
    assertEquals(List.of(), summary(Scan.run(Scan.rule(SECRETS_READ), "")),
        "admin, edit and cluster-admin read secrets, but they are Kubernetes' defaults");
  }

  @Test
  void aRoleThatAllowsNothingRiskyIsNotReported() {
    assertEquals(List.of(), summary(Scan.run(Scan.rule(SECRETS_READ),
        clusterRole("pods", rule("[\"\"]", "[pods]", "[get]")))));
  }
}

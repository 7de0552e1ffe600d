package io.rbacaudit.rules.permission;

import static io.rbacaudit.rules.permission.Scan.clusterRole;
import static io.rbacaudit.rules.permission.Scan.crb;
import static io.rbacaudit.rules.permission.Scan.group;
import static io.rbacaudit.rules.permission.Scan.rb;
import static io.rbacaudit.rules.permission.Scan.rule;
import static io.rbacaudit.rules.permission.Scan.sa;
import static io.rbacaudit.rules.permission.Scan.summary;
import static io.rbacaudit.rules.permission.Scan.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a permission finding says: the subject, the permission, the scope and the bindings in the message; every
 * grant as evidence; the binding as the place to fix, the role rules as related places; the workloads that run as a
 * ServiceAccount; nothing file- or line-dependent in the key; and whether only Kubernetes defaults raised it.
 */
class PermissionFindingsTest {

  private static final String LIST_SECRETS =
      "anyOf:\n- {verbs: [get, list, watch], apiGroups: [\"\"], resources: [secrets]}";

  private static final String METRICS_AGENT = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: monitoring:metrics-agent
      rules:
      - apiGroups: [""]
        resources: [secrets]
        verbs: [list, watch]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: monitoring:metrics-agent
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring:metrics-agent}
      subjects:
      - {kind: ServiceAccount, name: metrics-agent, namespace: monitoring}
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: metrics-agent, namespace: monitoring}
      spec:
        template:
          spec:
            serviceAccountName: metrics-agent
            containers: [{name: agent, image: agent:1}]
      """;

  @Test
  void theMessageNamesSubjectPermissionScopeBindingAndWorkloads() {
    Finding f = Scan.run(Scan.rule(LIST_SECRETS), METRICS_AGENT).get(0);
    assertEquals("ServiceAccount monitoring/metrics-agent can list and watch secrets in every namespace "
        + "(ClusterRoleBinding monitoring:metrics-agent -> ClusterRole monitoring:metrics-agent); 1 workload runs as "
        + "it: Deployment monitoring/metrics-agent.", f.message());
    assertEquals(new ObjectRef("ServiceAccount", "metrics-agent", "monitoring"), f.subject());
    assertEquals(List.of(new ObjectRef("Deployment", "metrics-agent", "monitoring")), f.workloads());
  }

  @Test
  void locationIsTheBindingAndRelatedLocationsAreTheRoleRules() {
    Finding f = Scan.run(Scan.rule(LIST_SECRETS), METRICS_AGENT).get(0);
    assertEquals(Location.file(Scan.FILE, 10), f.location());
    assertEquals(List.of(Location.file(Scan.FILE, 6)), f.relatedLocations());
    assertEquals("perm", f.key());
    assertFalse(f.latent());
  }

  @Test
  void everyGrantThatCausesTheFindingIsEvidence() {
    String yaml = clusterRole("a", rule("[\"\"]", "[secrets]", "[get]"))
        + clusterRole("b", rule("[\"*\"]", "[\"*\"]", "[list]")) + crb("first", "a", group("ops"))
        + crb("second", "b", group("ops"));
    Finding f = Scan.run(Scan.rule(LIST_SECRETS), yaml).get(0);
    List<String> bindings = f.evidence().stream()
        .map(e -> ((Evidence.GrantEvidence) e).grant().binding().name()).toList();
    assertEquals(List.of("first", "second"), bindings);
    assertTrue(f.message().contains("ClusterRoleBinding first -> ClusterRole a; ClusterRoleBinding second -> "
        + "ClusterRole b"), f.message());
  }

  @Test
  void aBuiltInRuleIsNoRelatedLocationAndTheBindingIsStillWhereToFix() {
    Finding f = Scan.run(Scan.rule(LIST_SECRETS), rb("shop", "default-edit", "ClusterRole", "edit",
        sa("shop", "default"))).get(0);
    assertEquals(Location.file(Scan.FILE, 1), f.location());
    assertEquals(List.of(), f.relatedLocations(), "the default roles' rules are nowhere in the inputs");
    assertTrue(f.message().contains("RoleBinding shop/default-edit -> ClusterRole edit (built-in)"), f.message());
  }

  @Test
  void findingsOfUnchangedDefaultsAndControlPlaneIdentitiesAreMarkedAsDefaultPolicy() {
    List<Finding> defaults = Scan.run(Scan.rule(LIST_SECRETS), "", DefaultsMode.ALL);
    assertFalse(defaults.isEmpty(), "the default bindings let control-plane identities read secrets");
    assertTrue(defaults.stream().allMatch(Finding::defaultPolicy), summary(defaults).toString());
    String scheduler = clusterRole("reader", rule("[\"\"]", "[secrets]", "[get]"))
        + crb("extra", "reader", user("system:kube-scheduler")) + crb("mine", "reader", user("alice"));
    List<Finding> custom = Scan.run(Scan.rule(LIST_SECRETS), scheduler);
    assertEquals(List.of("User/alice@-", "User/system:kube-scheduler@-"), summary(custom));
    assertFalse(custom.get(0).defaultPolicy());
    assertTrue(custom.get(1).defaultPolicy(), "a control-plane identity");
  }

  @Test
  void aChangedDefaultBindingIsNotDefaultPolicy() {
    String changed = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: system:controller:generic-garbage-collector
          labels: {kubernetes.io/bootstrapping: rbac-defaults}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects:
        - {kind: ServiceAccount, name: generic-garbage-collector, namespace: kube-system}
        - {kind: User, name: mallory}
        """;
    List<Finding> findings = Scan.run(Scan.rule(LIST_SECRETS), changed);
    assertEquals(List.of("ServiceAccount/kube-system/generic-garbage-collector@-", "User/mallory@-"),
        summary(findings));
    assertTrue(findings.get(0).defaultPolicy(), "a kube-system controller Kubernetes' defaults name");
    assertFalse(findings.get(1).defaultPolicy());
  }

  @Test
  void resourceNamesOfThePatternAppearInTheMessage() {
    String pattern = "namespaces: [kube-system]\nanyOf:\n- {verbs: [update, patch], apiGroups: [\"\"], "
        + "resources: [configmaps], resourceNames: [aws-auth, coredns]}";
    String yaml = Scan.role("Role", "auth", "kube-system",
        "- {apiGroups: [\"\"], resources: [configmaps], resourceNames: [aws-auth], verbs: [update]}")
        + rb("kube-system", "b", "Role", "auth", user("u"));
    assertEquals("User u can update configmaps named aws-auth in namespace kube-system (RoleBinding kube-system/b ->"
        + " Role kube-system/auth).", Scan.run(Scan.rule(pattern), yaml).get(0).message());
  }
}

package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of the default-token family (RBAC-601 to 610) beyond what their fixtures show. */
class ServiceAccountChecksTest {

  private static final String AGENT = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: agent, namespace: ops}
      ---
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent, namespace: ops}
      spec:
        template:
          spec:
            serviceAccountName: agent
            containers: [{name: agent, image: agent}]
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: api, namespace: ops}
      spec:
        template:
          spec:
            serviceAccountName: agent
            automountServiceAccountToken: false
            containers: [{name: api, image: api}]
      """;

  private static Finding prior(String rule, Severity severity, boolean latent, boolean defaultPolicy) {
    RuleSpec spec = new RuleSpec(rule, "x", "x", severity, null, "credentials", "d", "r", List.of(), "permission",
        null, null);
    return new Finding(spec, severity, "m", new ObjectRef("ServiceAccount", "agent", "ops"), null, "k", null,
        List.of(), List.of(), List.of(), latent, defaultPolicy);
  }

  private static List<Finding> derived(String ruleId, List<Finding> priors) {
    RuleSpec spec = Scans.specById(ruleId);
    ScanContext context = Scans.context(AGENT).withPriorFindings(priors);
    return Scans.template(spec.template()).compile(spec).run(context);
  }

  @Test
  void aPrivilegedWorkloadTakesTheWorstSeverityOfItsServiceAccountsFindings() {
    List<Finding> found = derived("RBAC-607", List.of(
        prior("RBAC-201", Severity.CRITICAL, false, false),
        prior("RBAC-301", Severity.HIGH, false, false),
        prior("RBAC-506", Severity.MEDIUM, false, false)));
    assertEquals(1, found.size(), "the Deployment opts out of the token; only the DaemonSet is exposed");
    Finding f = found.get(0);
    assertEquals("DaemonSet/ops/agent", f.subject().toString());
    assertEquals(Severity.CRITICAL, f.severity());
    assertTrue(f.message().contains("RBAC-201 (critical), RBAC-301 (high)"), f.message());
    assertFalse(f.message().contains("RBAC-506"), "below minSeverity");
    assertFalse(f.defaultPolicy());
  }

  @Test
  void aFindingOnTheServiceAccountsUserNameCountsForIt() {
    RuleSpec spec = new RuleSpec("RBAC-101", "x", "x", Severity.CRITICAL, null, "bindings", "d", "r", List.of(),
        "permission", null, null);
    Finding asUser = new Finding(spec, Severity.CRITICAL, "m", new ObjectRef("User", "system:serviceaccount:ops:agent",
        null), null, "k", null, List.of(), List.of(), List.of(), false, false);
    assertEquals(Severity.CRITICAL, derived("RBAC-610", List.of(asUser)).get(0).severity());
  }

  @Test
  void latentAndLowFindingsDoNotMakeAServiceAccountPrivileged() {
    assertEquals(List.of(), derived("RBAC-607", List.of(
        prior("RBAC-201", Severity.CRITICAL, true, false),
        prior("RBAC-506", Severity.MEDIUM, false, false))));
  }

  @Test
  void exposureOfAControlPlaneIdentityIsDefaultPolicyOnlyWhenAllItsFindingsAre() {
    assertTrue(derived("RBAC-610", List.of(prior("RBAC-201", Severity.HIGH, false, true))).get(0).defaultPolicy());
    assertFalse(derived("RBAC-610", List.of(prior("RBAC-201", Severity.HIGH, false, true),
        prior("RBAC-301", Severity.HIGH, false, false))).get(0).defaultPolicy());
  }

  @Test
  void theDaemonSetRuleOnlyLooksAtDaemonSets() {
    String yaml = AGENT.replace("kind: DaemonSet", "kind: StatefulSet");
    RuleSpec spec = Scans.specById("RBAC-610");
    ScanContext context = Scans.context(yaml).withPriorFindings(List.of(prior("RBAC-201", Severity.HIGH, false, false)));
    assertEquals(List.of(), Scans.template(spec.template()).compile(spec).run(context));
  }

  @Test
  void theDefaultServiceAccountGetsOneFindingPerScope() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ns-view, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: default}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: all-secrets}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
        subjects: [{kind: ServiceAccount, name: default, namespace: shop}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-reader}
        rules: [{apiGroups: [""], resources: [secrets], verbs: [list]}]
        """;
    List<Finding> found = Scans.check("RBAC-601", yaml);
    assertEquals(List.of("null high", "shop medium"),
        found.stream().map(f -> f.namespace() + " " + f.severity()).toList(), "cluster-wide first");
    assertTrue(found.get(0).message().contains("it can read secrets"), found.get(0).message());
  }

  @Test
  void kubernetesDefaultGrantsAreNotPermissionsThatMakeATokenNeeded() {
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          serviceAccountName: web
          containers: [{name: web, image: web}]
        """;
    // With --defaults all, web holds discovery and self-review through system:authenticated: still unneeded.
    List<Finding> found = Scans.runAll(Scans.context(yaml, DefaultsMode.ALL)).stream()
        .filter(f -> f.ruleId().equals("RBAC-604")).toList();
    assertEquals(1, found.size());
  }

  @Test
  void aGrantToAllServiceAccountsOfTheNamespaceMakesTheTokenNeeded() {
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web, namespace: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web, namespace: shop}
        spec:
          serviceAccountName: web
          containers: [{name: web, image: web}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: all-view, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: Group, name: "system:serviceaccounts:shop"}]
        """;
    assertEquals(List.of(), Scans.check("RBAC-604", yaml));
  }

  @Test
  void aServiceAccountWhoseBindingLeavesTheNamespaceToApplyTimeIsNotJudged() {
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: server}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: server}
        spec:
          serviceAccountName: server
          containers: [{name: server, image: server}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: server}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: server}]
        """;
    assertEquals(List.of(), Scans.check("RBAC-604", yaml), "kustomize fills in the subject's namespace");
  }

  @Test
  void aTokenSecretWithoutOwnerIsReportedAtBaseSeverity() {
    String yaml = """
        apiVersion: v1
        kind: Secret
        metadata: {name: orphan, namespace: shop}
        type: kubernetes.io/service-account-token
        """;
    List<Finding> found = Scans.check("RBAC-605", yaml);
    assertEquals(Severity.MEDIUM, found.get(0).severity());
    assertTrue(found.get(0).message().contains("annotation is missing"), found.get(0).message());
  }

  @Test
  void aTokenSecretReadTwiceIsOneFindingPerWorkload() {
    String yaml = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: shop}
        spec:
          containers:
          - name: a
            image: a
            envFrom: [{secretRef: {name: builder-token-zz9x8}}]
            volumeMounts: [{name: t, mountPath: /t}]
          volumes:
          - name: t
            secret: {secretName: builder-token-zz9x8}
        """;
    List<Finding> found = Scans.check("RBAC-606", yaml);
    assertEquals(1, found.size());
    assertEquals(2, found.get(0).evidence().size(), "the volume and the env reference");
    assertEquals("Pod/shop/p reads builder-token-zz9x8", found.get(0).key());
  }

  @Test
  void kubernetesDefaultsAloneRaiseOnlyDefaultPolicyFindings() {
    // kube-system's ServiceAccounts become "known" once one is defined, so the default bindings to controller
    // ServiceAccounts dangle; those bindings are unchanged defaults, which the exclude preset skips.
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: coredns, namespace: kube-system}
        automountServiceAccountToken: false
        """;
    List<Finding> found = Scans.runAll(Scans.context(yaml, DefaultsMode.ALL));
    assertTrue(found.stream().anyMatch(f -> f.ruleId().equals("RBAC-107")));
    List<String> shown = found.stream().filter(f -> !f.defaultPolicy()).map(f -> f.ruleId() + " " + f.subject())
        .toList();
    assertEquals(List.of(), shown);
  }
}

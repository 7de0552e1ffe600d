package io.rbacaudit.findings;

import static io.rbacaudit.findings.TestFindings.finding;
import static io.rbacaudit.findings.TestFindings.sa;
import static io.rbacaudit.findings.TestFindings.suppression;
import static io.rbacaudit.findings.TestFindings.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Suppressions, baseline, gate and the assembled result: what decides the exit code and what reports show. */
class TriageTest {

  static final Instant NOW = Instant.parse("2026-04-01T08:00:00Z");
  static final DefaultPolicy DEFAULTS =
      new DefaultPolicy(KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());

  static final Finding FLUX =
      finding("RBAC-101", Severity.CRITICAL, sa("flux-system", "kustomize-controller"), null, "ClusterRole/cluster-admin");
  static final Finding READER = finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets");
  static final Finding PORT_FORWARD = finding("RBAC-306", Severity.MEDIUM, user("alice"), "shop", "create pods/portforward");

  static ScanResult assess(List<Finding> findings, TriageSettings settings) {
    return assess(findings, settings, Inventory.empty());
  }

  static ScanResult assess(List<Finding> findings, TriageSettings settings, Inventory inventory) {
    Triage triage = new Triage(DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC), "rbac-audit", "1.2.3");
    return triage.assess(findings, List.of(), inventory, settings);
  }

  static TriageSettings suppressions(Suppression... s) {
    return new TriageSettings(List.of(s), Baseline.NONE, ExcludePreset.STANDARD, FailOn.HIGH);
  }

  static Suppression expiring(String rule, String name, LocalDate expires, int line) {
    return new Suppression(rule, null, null, name, null, "reviewed", expires, Location.file(".rbac-audit.yaml", line));
  }

  static Status status(ScanResult r, Finding f) {
    return r.findings().stream().filter(x -> x.finding() == f).findFirst().orElseThrow().status();
  }

  @Test
  void aSuppressedFindingStaysInTheResultWithItsSuppressionAndDoesNotFail() {
    Suppression s = suppression("RBAC-101", "ServiceAccount", "flux-system", "kustomize-controller", null);
    ScanResult r = assess(List.of(FLUX), suppressions(s));
    assertEquals(1, r.findings().size());
    assertEquals(Status.SUPPRESSED, r.findings().get(0).status());
    assertSame(s, r.findings().get(0).suppression());
    assertEquals(0, r.summary().get(Severity.CRITICAL));
    assertEquals(1, r.statusCounts().get(Status.SUPPRESSED));
    assertEquals(0, r.gate().failing());
    assertEquals(List.of(), r.notes());
  }

  @Test
  void anExpiredSuppressionStopsSuppressingAndSaysSo() {
    Suppression s = expiring("RBAC-101", "kustomize-controller", LocalDate.of(2026, 3, 31), 12);
    ScanResult r = assess(List.of(FLUX), suppressions(s));
    assertEquals(Status.OPEN, status(r, FLUX));
    assertEquals(1, r.gate().failing());
    assertEquals(List.of("suppression at .rbac-audit.yaml:12 expired on 2026-03-31: RBAC-101"
        + " ServiceAccount/flux-system/kustomize-controller (cluster-wide) is reported again; fix it, or renew the"
        + " suppression with a later expires date"), r.notes());
  }

  @Test
  void aSuppressionStillHoldsOnItsExpiryDay() {
    ScanResult r = assess(List.of(FLUX), suppressions(expiring("RBAC-101", null, LocalDate.of(2026, 4, 1), 12)));
    assertEquals(Status.SUPPRESSED, status(r, FLUX));
    assertEquals(List.of(), r.notes());
  }

  @Test
  void expiredSuppressionsNameHowManyFindingsComeBackOrThatNoneDo() {
    Suppression broad = expiring("*", null, LocalDate.of(2025, 1, 1), 3);
    broad = new Suppression("*", null, null, null, "shop", "r", broad.expires(), broad.location());
    Suppression coveredElsewhere = expiring("RBAC-306", "alice", LocalDate.of(2025, 1, 1), 9);
    Suppression current = suppression("RBAC-306", "User", null, "alice", null);
    Suppression stale = expiring("RBAC-999", null, LocalDate.of(2025, 1, 1), 15);
    ScanResult r = assess(List.of(READER, PORT_FORWARD), suppressions(broad, coveredElsewhere, current, stale));
    assertEquals(List.of(
        "suppression at .rbac-audit.yaml:3 expired on 2025-01-01: RBAC-201 ServiceAccount/shop/reader (namespace shop)"
            + " is reported again; fix it, or renew the suppression with a later expires date",
        "suppression at .rbac-audit.yaml:9 expired on 2025-01-01; the findings it matches are suppressed by others:"
            + " remove it",
        "suppression at .rbac-audit.yaml:15 expired on 2025-01-01 and matches no finding: remove it"), r.notes());
    assertEquals(Status.SUPPRESSED, status(r, PORT_FORWARD));
  }

  @Test
  void anUnusedSuppressionIsNoted() {
    Suppression unused = new Suppression("RBAC-201", "ServiceAccount", "shop", "writer", null, "r", null,
        Location.file(".rbac-audit.yaml", 20));
    ScanResult r = assess(List.of(READER), suppressions(unused));
    assertEquals(Status.OPEN, status(r, READER));
    assertEquals(List.of("suppression at .rbac-audit.yaml:20 (RBAC-201 ServiceAccount shop/writer) matches no finding:"
        + " remove it, or check its rule id and selectors"), r.notes());
  }

  @Test
  void theFirstMatchingSuppressionInFileOrderIsTheOneShown() {
    Suppression first = suppression("*", null, "shop", null, null);
    Suppression second = suppression("RBAC-201", null, null, "reader", null);
    ScanResult r = assess(List.of(READER), suppressions(first, second));
    assertSame(first, r.findings().get(0).suppression());
    assertEquals(List.of(), r.notes(), "both matched something: neither is unused");
  }

  @Test
  void theBaselineMarksOldFindingsAndOnlyNewOnesFail() {
    Baseline baseline = new Baseline("old.json", Set.of(Fingerprint.of(FLUX), "00000000000000000000000000000000"));
    TriageSettings settings = new TriageSettings(List.of(), baseline, ExcludePreset.STANDARD, FailOn.HIGH);
    ScanResult r = assess(List.of(FLUX, READER), settings);
    assertEquals(Status.BASELINE, status(r, FLUX));
    assertEquals(Status.OPEN, status(r, READER));
    assertEquals(1, r.gate().failing());
    assertEquals(Map.of(Status.OPEN, 1, Status.SUPPRESSED, 0, Status.BASELINE, 1), r.statusCounts());
    assertEquals(List.of("baseline old.json: 2 findings, 1 still present (not failing the gate), 1 resolved since"),
        r.notes());

    ScanResult onlyOld = assess(List.of(FLUX), settings);
    assertEquals(0, onlyOld.gate().failing(), "nothing new: the gate passes");
  }

  @Test
  void aSuppressionWinsOverTheBaselineSoItsReasonIsShown() {
    Baseline baseline = new Baseline("old.json", Set.of(Fingerprint.of(READER)));
    TriageSettings settings = new TriageSettings(
        List.of(suppression("RBAC-201", null, null, null, null)), baseline, ExcludePreset.STANDARD, FailOn.HIGH);
    assertEquals(Status.SUPPRESSED, status(assess(List.of(READER), settings), READER));
  }

  @ParameterizedTest
  @EnumSource(FailOn.class)
  void theGateCountsOpenFindingsAtOrAboveTheThreshold(FailOn failOn) {
    List<Finding> oneOfEach = Stream.of(Severity.values())
        .map(s -> finding("RBAC-2" + s.ordinal(), s, sa("shop", "reader"), "shop", "k"))
        .toList();
    Finding suppressed = finding("RBAC-101", Severity.CRITICAL, sa("shop", "x"), null, "k");
    Finding known = finding("RBAC-102", Severity.CRITICAL, sa("shop", "y"), null, "k");
    TriageSettings settings = new TriageSettings(List.of(suppression("RBAC-101", null, null, null, null)),
        new Baseline("old.json", Set.of(Fingerprint.of(known))), ExcludePreset.STANDARD, failOn);
    List<Finding> all = Stream.concat(oneOfEach.stream(), Stream.of(suppressed, known)).toList();
    ScanResult.Gate gate = assess(all, settings).gate();
    int expected = failOn == FailOn.NEVER ? 0 : failOn.threshold().ordinal() + 1;
    assertEquals(expected, gate.failing());
    assertEquals(expected > 0, gate.failed());
    assertEquals(failOn.threshold(), gate.failOn());
    if (failOn == FailOn.NEVER) {
      assertNull(gate.failOn());
    }
  }

  @Test
  void theSummaryCountsOpenFindingsWithEverySeverityPresentInOrder() {
    ScanResult r = assess(List.of(READER, PORT_FORWARD), TriageSettings.defaults());
    assertEquals(List.of(Severity.values()), List.copyOf(r.summary().keySet()));
    assertEquals(List.of(0, 1, 1, 0, 0), List.copyOf(r.summary().values()));
    assertEquals(List.of(Status.values()), List.copyOf(r.statusCounts().keySet()));
  }

  @Test
  void findingsAreSortedBySeverityRuleSubjectThenScopeClusterWideFirst() {
    Finding a = finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "k");
    Finding b = finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), null, "k");
    Finding c = finding("RBAC-201", Severity.HIGH, sa("ads", "reader"), "shop", "k");
    Finding d = finding("RBAC-105", Severity.HIGH, user("zed"), null, "k");
    Finding e = finding("RBAC-999", Severity.CRITICAL, user("zed"), null, "k");
    ScanResult r = assess(List.of(a, b, c, d, e, PORT_FORWARD), TriageSettings.defaults());
    assertEquals(List.of(e, d, c, b, a, PORT_FORWARD), r.findings().stream().map(ReportedFinding::finding).toList());
  }

  @Test
  void theResultCarriesToolTimeInputsAndProblems() {
    String yaml = """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: reader, namespace: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: shop}
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: rb, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects: [{kind: ServiceAccount, name: reader}]
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec: {template: {spec: {containers: [{name: c, image: i}]}}}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: cm, namespace: shop}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: broken, namespace: shop
        """;
    Inventory inputs = new ManifestLoader(LoadOptions.defaults(), null).loadText("in.yaml", yaml);
    Inventory withDefaults = KubernetesDefaults.apply(inputs, DefaultsMode.ALL);
    ScanResult r = assess(List.of(), TriageSettings.defaults(), withDefaults);
    assertEquals("rbac-audit", r.toolName());
    assertEquals("1.2.3", r.toolVersion());
    assertEquals(NOW, r.generatedAt());
    assertEquals(List.of("in.yaml"), r.inputs().sources());
    Map<String, Integer> expected = new java.util.LinkedHashMap<>();
    for (String kind : List.of("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ServiceAccount", "Secret",
        "Namespace", "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job",
        "CronJob")) {
      expected.put(kind, 0);
    }
    expected.putAll(Map.of("Role", 1, "RoleBinding", 1, "ServiceAccount", 1, "Namespace", 1, "Deployment", 1));
    assertEquals(List.copyOf(expected.entrySet()), List.copyOf(r.inputs().counts().entrySet()),
        "every kind, in a stable order, built-in defaults not counted");
    assertEquals(Map.of("ConfigMap", 1), r.inputs().skippedKinds());
    assertEquals(inputs.problems(), r.problems());
    assertEquals(true, r.hasInputErrors());
  }
}

package io.rbacaudit.findings;

import static io.rbacaudit.findings.TestFindings.finding;
import static io.rbacaudit.findings.TestFindings.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard exclude preset skips what unchanged Kubernetes defaults raise, counts it, and never hides anonymous
 * or all-authenticated access, nor anything a changed default or a user's own role or binding contributes.
 */
class PresetTest {

  /** Input copies of two default bindings: one exactly as shipped, one with a subject added. */
  static final String MANIFESTS = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: system:kube-scheduler
        labels: {kubernetes.io/bootstrapping: rbac-defaults}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:kube-scheduler}
      subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: system:kube-scheduler}]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: system:node-proxier
        labels: {kubernetes.io/bootstrapping: rbac-defaults}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:node-proxier}
      subjects:
      - {apiGroup: rbac.authorization.k8s.io, kind: User, name: system:kube-proxy}
      - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: everyone}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: extra-view
        labels: {rbac.authorization.k8s.io/aggregate-to-view: "true"}
      rules: [{apiGroups: [""], resources: [secrets], verbs: [get]}]
      """;

  static final Inventory INVENTORY = KubernetesDefaults.apply(
      new ManifestLoader(LoadOptions.defaults(), null).loadText("in.yaml", MANIFESTS), DefaultsMode.ALL);

  static final PolicyRule RULE =
      new PolicyRule(List.of("get"), List.of(""), List.of("pods"), List.of(), List.of(), Location.file("in.yaml", 1));

  static RoleId builtInClusterRole(String name) {
    return new RoleId(RoleKind.CLUSTER_ROLE, name, null, true);
  }

  static Evidence grant(String binding, boolean bindingBuiltIn, RoleId role, RoleId source) {
    return new Evidence.GrantEvidence(new Grant(new ObjectRef("ClusterRoleBinding", binding, null), bindingBuiltIn,
        role, new EffectiveRule(RULE, source, 0)));
  }

  static Finding defaultFinding(String rule, String subject, Evidence... evidence) {
    return finding(rule, Severity.HIGH, user(subject), null, "k", Location.file("in.yaml", 1), List.of(evidence), true);
  }

  static ScanResult assess(ExcludePreset preset, Finding... findings) {
    return TriageTest.assess(List.of(findings),
        new TriageSettings(List.of(), Baseline.NONE, preset, FailOn.HIGH), INVENTORY);
  }

  static final RoleId SCHEDULER = builtInClusterRole("system:kube-scheduler");
  static final RoleId PROXIER = builtInClusterRole("system:node-proxier");

  /** A control-plane identity through an input copy of its default binding, exactly as shipped. */
  static final Finding UNCHANGED_COPY =
      defaultFinding("RBAC-301", "system:kube-scheduler", grant("system:kube-scheduler", false, SCHEDULER, SCHEDULER));
  /** The same through the built-in default binding itself (--defaults all). */
  static final Finding BUILT_IN =
      defaultFinding("RBAC-303", "system:kube-scheduler", grant("system:kube-scheduler", true, SCHEDULER, SCHEDULER));

  @Test
  void unchangedDefaultsAreSkippedAndCountedPerRule() {
    Finding another = defaultFinding("RBAC-301", "system:kube-controller-manager",
        grant("system:kube-scheduler", true, SCHEDULER, SCHEDULER));
    ScanResult r = assess(ExcludePreset.STANDARD, UNCHANGED_COPY, BUILT_IN, another);
    assertTrue(r.findings().isEmpty());
    assertEquals(Map.of("RBAC-301", 2, "RBAC-303", 1), r.excludedByPreset());
    assertEquals(List.of("RBAC-301", "RBAC-303"), List.copyOf(r.excludedByPreset().keySet()));
  }

  @Test
  void presetNoneShowsEverything() {
    ScanResult r = assess(ExcludePreset.NONE, UNCHANGED_COPY, BUILT_IN);
    assertEquals(2, r.findings().size());
    assertEquals(Map.of(), r.excludedByPreset());
  }

  @Test
  void anonymousAndAllAuthenticatedAccessIsNeverSkipped() {
    RoleId discovery = builtInClusterRole("system:discovery");
    Finding anonymous = defaultFinding("RBAC-103", "system:anonymous", grant("x", true, discovery, discovery));
    Finding authenticated = defaultFinding("RBAC-104", "system:authenticated", grant("x", true, discovery, discovery));
    ScanResult r = assess(ExcludePreset.STANDARD, anonymous, authenticated);
    assertEquals(2, r.findings().size());
    assertEquals(Map.of(), r.excludedByPreset());
  }

  @Test
  void aChangedDefaultBindingIsNeverSkipped() {
    Finding changed = defaultFinding("RBAC-301", "system:kube-proxy", grant("system:node-proxier", false, PROXIER, PROXIER));
    assertEquals(1, assess(ExcludePreset.STANDARD, changed).findings().size());
  }

  @Test
  void aUserRoleAggregatedIntoADefaultIsNeverSkipped() {
    RoleId view = builtInClusterRole("view");
    RoleId extra = new RoleId(RoleKind.CLUSTER_ROLE, "extra-view", null, false);
    Finding viaAggregation = defaultFinding("RBAC-201", "system:kube-scheduler",
        grant("system:kube-scheduler", false, view, extra));
    assertEquals(1, assess(ExcludePreset.STANDARD, viaAggregation).findings().size());
  }

  @Test
  void aBindingThatIsNotInTheInputsIsNotAssumedToBeADefault() {
    Finding unknown = defaultFinding("RBAC-301", "system:kube-scheduler", grant("made-up", false, SCHEDULER, SCHEDULER));
    assertEquals(1, assess(ExcludePreset.STANDARD, unknown).findings().size());
  }

  @Test
  void aChangedDefaultAsSubjectOrObjectEvidenceIsNeverSkipped() {
    ObjectRef changedBinding = new ObjectRef("ClusterRoleBinding", "system:node-proxier", null);
    Finding aboutBinding = finding("RBAC-106", Severity.HIGH, changedBinding, null, "k", Location.file("in.yaml", 1),
        List.of(), true);
    Finding withObject = defaultFinding("RBAC-301", "system:kube-scheduler",
        new Evidence.ObjectEvidence(changedBinding, Location.file("in.yaml", 9), null));
    assertEquals(2, assess(ExcludePreset.STANDARD, aboutBinding, withObject).findings().size());
  }

  @Test
  void onlyFindingsMarkedDefaultPolicyAreCandidates() {
    Finding unmarked = finding("RBAC-301", Severity.HIGH, user("system:kube-scheduler"), null, "k",
        Location.file("in.yaml", 1), List.of(grant("system:kube-scheduler", true, SCHEDULER, SCHEDULER)), false);
    assertEquals(1, assess(ExcludePreset.STANDARD, unmarked).findings().size());
  }

  @Test
  void aSuppressionThatOnlySelectsSkippedFindingsIsNotCalledUnused() {
    ScanResult r = TriageTest.assess(List.of(UNCHANGED_COPY), new TriageSettings(
        List.of(TestFindings.suppression("RBAC-301", null, null, "system:kube-scheduler", null)), Baseline.NONE,
        ExcludePreset.STANDARD, FailOn.HIGH), INVENTORY);
    assertEquals(List.of(), r.notes());
  }
}

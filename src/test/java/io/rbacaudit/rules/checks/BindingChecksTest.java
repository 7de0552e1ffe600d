package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Behaviour of the binding and role checks (RBAC-102 to 111) beyond what their fixtures show. */
class BindingChecksTest {

  private static String binding(String kind, String namespace, String roleKind, String role, String subject) {
    return """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: %s
        metadata: {name: b, %s}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: %s, name: %s}
        subjects:
        - %s
        """.formatted(kind, namespace == null ? "" : "namespace: " + namespace, roleKind, role, subject);
  }

  @Test
  void aTamperedDefaultRoleBehindAnUnchangedDefaultBindingIsBeyondTheDefaults() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: system:basic-user
          labels: {kubernetes.io/bootstrapping: rbac-defaults}
        rules:
        - apiGroups: [authorization.k8s.io]
          resources: [selfsubjectaccessreviews, selfsubjectrulesreviews]
          verbs: [create]
        - apiGroups: [""]
          resources: [secrets]
          verbs: [get]
        """;
    List<Finding> found = Scans.runAll(Scans.context(yaml, DefaultsMode.ALL)).stream()
        .filter(f -> f.ruleId().equals("RBAC-104")).toList();
    assertEquals(1, found.size(), found.toString());
    Finding f = found.get(0);
    assertEquals("Group/system:authenticated", f.subject().toString());
    assertEquals(Severity.CRITICAL, f.severity(), "reads Secrets cluster-wide");
    assertEquals(1, f.evidence().size(), "only the rule the default does not have: " + f.evidence());
    Evidence.GrantEvidence g = (Evidence.GrantEvidence) f.evidence().get(0);
    assertEquals(List.of("secrets"), g.grant().policyRule().resources());
    assertTrue(!f.defaultPolicy(), "never hidden by the exclude preset");
  }

  @Test
  void defaultsGivenToABroaderGroupAreNotBeyondForItsMembers() {
    // Every ServiceAccount is authenticated, so self-review for system:serviceaccounts adds nothing.
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: sa-basic}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: system:basic-user}
        subjects:
        - {kind: Group, name: system:serviceaccounts:shop}
        - {kind: User, name: system:anonymous}
        """;
    List<Finding> found = Scans.runAll(Scans.context(yaml)).stream()
        .filter(f -> f.ruleId().equals("RBAC-103") || f.ruleId().equals("RBAC-104")).toList();
    assertEquals(List.of("RBAC-103 User/system:anonymous"),
        found.stream().map(f -> f.ruleId() + " " + f.subject()).toList(),
        "anonymous is not authenticated, so system:basic-user is beyond its defaults");
  }

  @Test
  void withoutBuiltInsLoadedARefToADefaultRoleStillResolves() {
    String yaml = binding("ClusterRoleBinding", null, "ClusterRole", "cluster-admin", "{kind: User, name: ops}");
    assertTrue(Scans.runAll(Scans.context(yaml, DefaultsMode.NONE)).stream()
        .noneMatch(f -> f.ruleId().equals("RBAC-106")));
  }

  @Test
  void aClusterRoleBindingToARoleIsDanglingWhateverRolesExist() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: reader, namespace: default}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        ---
        """ + binding("ClusterRoleBinding", null, "Role", "reader", "{kind: User, name: ops}");
    List<Finding> found = Scans.check("RBAC-106", yaml);
    assertEquals(1, found.size());
    assertTrue(found.get(0).message().contains("can never use"), found.get(0).message());
  }

  @Test
  void aDanglingBindingWithoutSubjectsGrantsNothingEverAndIsNotReported() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: shop}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: gone}
        """;
    assertEquals(List.of(), Scans.check("RBAC-106", yaml));
  }

  @ParameterizedTest
  @ValueSource(strings = {"admin", "edit", "view"})
  void theUserFacingDefaultsGrantNothingIneffectiveThroughARoleBinding(String role) {
    String yaml = binding("RoleBinding", "shop", "ClusterRole", role, "{kind: User, name: jane}");
    assertEquals(List.of(), Scans.check("RBAC-111", yaml), "RoleBinding to " + role + " is how it is meant to be used");
  }

  @Test
  void aNamespacedRoleListingNodesIsIneffectiveButWildcardsAndUnknownResourcesAreNotJudged() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: shop}
        rules:
        - {apiGroups: [""], resources: ["*"], verbs: [get]}
        - {apiGroups: [example.com], resources: [nodes], verbs: [get]}
        - {apiGroups: [storage.k8s.io], resources: [storageclasses], verbs: [get]}
        ---
        """ + binding("RoleBinding", "shop", "Role", "r", "{kind: User, name: jane}");
    List<Finding> found = Scans.check("RBAC-111", yaml);
    assertEquals(1, found.size());
    assertEquals(1, found.get(0).evidence().size(), "only the storageclasses rule: " + found.get(0).evidence());
    assertTrue(found.get(0).message().contains("storageclasses.storage.k8s.io"), found.get(0).message());
  }

  @Test
  void anUnlabelledCopyThatGrantsNoMoreIsOnlyAMisleadingName() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: system:public-info-viewer}
        rules:
        - nonResourceURLs: [/healthz]
          verbs: [get]
        """;
    List<Finding> found = Scans.check("RBAC-110", yaml);
    assertEquals(1, found.size());
    assertEquals(Severity.LOW, found.get(0).severity());
  }

  @Test
  void aLabelledDefaultAggregateThatOtherRolesExtendIsUnchanged() {
    // ClusterRoles labelled aggregate-to-edit extend edit on purpose: that is how aggregation is meant to be used.
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: edit
          labels:
            kubernetes.io/bootstrapping: rbac-defaults
            rbac.authorization.k8s.io/aggregate-to-admin: "true"
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: widgets-edit
          labels: {rbac.authorization.k8s.io/aggregate-to-edit: "true"}
        rules: [{apiGroups: [example.com], resources: [widgets], verbs: [create]}]
        """;
    assertEquals(List.of(), Scans.check("RBAC-110", yaml));
    assertEquals(List.of(), Scans.check("RBAC-108", yaml), "neither edit nor an aggregated-into role is unused");
  }

  @Test
  void anEmptyAggregationSelectorUsesEveryClusterRole() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: everything}
        aggregationRule:
          clusterRoleSelectors: [{}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: part}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        """;
    List<String> unused = Scans.check("RBAC-108", yaml).stream().map(f -> f.subject().name()).toList();
    assertEquals(List.of("everything"), unused);
  }

  @Test
  void aServiceAccountBoundToEditTwiceInOneScopeIsOneFindingWithBothBindings() {
    String yaml = binding("RoleBinding", "shop", "ClusterRole", "edit", "{kind: ServiceAccount, name: ci}")
        + "---\n" + binding("RoleBinding", "shop", "ClusterRole", "admin", "{kind: ServiceAccount, name: ci}")
            .replace("name: b,", "name: b2,");
    List<Finding> found = Scans.check("RBAC-109", yaml);
    assertEquals(1, found.size());
    assertEquals(2, found.get(0).evidence().size());
    assertEquals("shop", found.get(0).namespace());
  }

  @Test
  void theDefaultClusterAdminBindingNamesSystemMastersAsDefaultPolicy() {
    List<Finding> found = Scans.runAll(Scans.context("", DefaultsMode.ALL)).stream()
        .filter(f -> f.ruleId().equals("RBAC-105")).toList();
    assertEquals(1, found.size());
    assertEquals("ClusterRoleBinding/cluster-admin", found.get(0).subject().toString());
    assertTrue(found.get(0).defaultPolicy(), "the standard exclude preset skips it");
  }
}

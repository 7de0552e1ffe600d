package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes manifests come in: multi-document YAML, List kinds, JSON, rendered Helm and Kustomize output. */
class DocumentFormsTest {

  @Test
  void multiDocumentYamlWithEmptyDocumentsAndCommentsLoadsEveryObjectAtItsLine() {
    Inventory inv = Loads.text("""
        # leading comment
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: one
        ---
        ---
        # a document holding only a comment
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: two}
        ...
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(List.of("one", "two"), inv.serviceAccounts().stream().map(s -> s.name()).toList());
    assertEquals(Location.file(Loads.FILE, 3), inv.serviceAccounts().get(0).meta().location());
    assertEquals(Location.file(Loads.FILE, 11), inv.serviceAccounts().get(1).meta().location());
    assertEquals(List.of(Loads.FILE), inv.sources());
  }

  @Test
  void everyRuleKeepsTheLineOfItsOwnMapping() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: reader
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: [get]
        -   verbs: [get]
            nonResourceURLs: ["/healthz"]
        """);
    Role role = inv.roles().get(0);
    assertEquals(1, role.meta().location().line());
    assertEquals(6, role.rules().get(0).location().line());
    assertEquals(9, role.rules().get(1).location().line());
  }

  @Test
  void listKindsUnpackTheirItemsEachAtItsOwnLine() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ServiceAccount
          metadata: {name: a, namespace: x}
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: c}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleList
        items:
        - apiVersion: rbac.authorization.k8s.io/v1
          kind: Role
          metadata: {name: r, namespace: x}
          rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBindingList
        items: null
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(4, inv.serviceAccounts().get(0).meta().location().line());
    assertEquals(14, inv.roles().get(0).meta().location().line());
    assertEquals(Map.of("ConfigMap", 1), inv.skippedKinds());
  }

  @Test
  void aKindEndingInListWithoutItemsIsAnOrdinarySkippedKind() {
    Inventory inv = Loads.text("""
        apiVersion: example.com/v1
        kind: AllowList
        metadata: {name: a}
        spec: {}
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(Map.of("AllowList", 1), inv.skippedKinds());
  }

  @Test
  void jsonFilesLoadIncludingTabIndentedOnes() {
    String json = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"List\",\n\t\"items\": [\n\t\t{\"apiVersion\": \"v1\", "
        + "\"kind\": \"ServiceAccount\", \"metadata\": {\"name\": \"sa\", \"namespace\": \"n\"}, "
        + "\"automountServiceAccountToken\": false}\n\t]\n}\n";
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText("dump.json", json);
    assertEquals(List.of(), inv.problems());
    assertEquals(Boolean.FALSE, inv.serviceAccounts().get(0).automountServiceAccountToken());
    assertEquals(Location.file("dump.json", 5), inv.serviceAccounts().get(0).meta().location());
  }

  @Test
  void renderedHelmOutputWithSourceCommentsLoads() {
    Inventory inv = Loads.text("""
        ---
        # Source: chart/templates/serviceaccount.yaml
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: release-chart
          labels:
            helm.sh/chart: chart-1.2.3
            app.kubernetes.io/managed-by: Helm
        ---
        # Source: chart/templates/rbac.yaml
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: release-chart
        roleRef:
          apiGroup: rbac.authorization.k8s.io
          kind: ClusterRole
          name: view
        subjects:
          - kind: ServiceAccount
            name: release-chart
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(3, inv.serviceAccounts().get(0).meta().location().line());
    assertEquals(12, inv.bindings().get(0).meta().location().line());
    assertEquals("chart-1.2.3", inv.serviceAccounts().get(0).meta().labels().get("helm.sh/chart"));
  }

  @Test
  void kustomizeOutputWithMergeKeysAndAnchorsLoads() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: &meta
          name: app
          namespace: prod
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: app
          namespace: prod
        spec:
          containers:
          - &c
            name: main
            image: app
          - <<: *c
            name: sidecar
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(List.of("main", "sidecar"),
        inv.workloads().get(0).pod().containers().stream().map(c -> c.name()).toList());
  }

  @Test
  void namespacedKindsWithoutANamespaceGetTheDefaultNamespace() {
    String yaml = """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: ""}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d, namespace: explicit}
        spec: {template: {spec: {containers: []}}}
        """;
    Inventory inv = new ManifestLoader(new LoadOptions("team-a", 1 << 20, 100), null).loadText("x.yaml", yaml);
    assertEquals(List.of(), inv.problems());
    assertEquals("team-a", inv.serviceAccounts().get(0).namespace());
    assertEquals("team-a", inv.roles().get(0).namespace());
    assertEquals("explicit", inv.workloads().get(0).namespace());
  }

  @Test
  void clusterScopedKindsIgnoreAGivenNamespaceWithoutError() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c, namespace: oops}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b, namespace: oops}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: c}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: n, namespace: oops}
        """);
    assertEquals(List.of(), inv.problems());
    assertNull(inv.roles().get(0).namespace());
    assertEquals(RoleKind.CLUSTER_ROLE, inv.roles().get(0).kind());
    assertNull(inv.bindings().get(0).namespace());
    assertEquals("n", inv.namespaces().get(0).name());
  }

  @Test
  void otherKindsAreCountedAndSkipped() {
    Inventory inv = Loads.text("""
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: x.example.com}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: example.com/v1
        kind: Widget
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(Map.of("ConfigMap", 2, "CustomResourceDefinition", 1, "Widget", 1), inv.skippedKinds());
    assertEquals(0, Loads.objectCount(inv));
  }

  @Test
  void aDocumentThatIsAPlainValueIsAWarningNotAnError() {
    // Symbolic links checked out as text files hold just a path (seen in knative-serving).
    Inventory inv = Loads.text("../../vendor/knative.dev/caching/config/image.yaml\n");
    assertTrue(Loads.errors(inv).isEmpty());
    assertEquals(1, Loads.warnings(inv).size());
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** can-i, who-can, permissions and version, run in-process: exit codes, stdout, stderr and JSON shapes. */
class QueryCommandsTest {

  private static final String POLICY = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata:
        name: pod-reader
        namespace: shop
      rules:
      - apiGroups: [""]
        resources: ["pods"]
        verbs: ["get", "list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: alice-reads-pods
        namespace: shop
      subjects:
      - kind: User
        name: alice
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: Role
        name: pod-reader
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata:
        name: deployer-edits
        namespace: shop
      subjects:
      - kind: ServiceAccount
        name: deployer
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: edit
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata:
        name: ops-nodes
      subjects:
      - kind: Group
        name: ops
      roleRef:
        apiGroup: rbac.authorization.k8s.io
        kind: ClusterRole
        name: node-reader
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata:
        name: node-reader
      rules:
      - apiGroups: [""]
        resources: ["nodes"]
        verbs: ["get", "list", "watch"]
      - nonResourceURLs: ["/metrics"]
        verbs: ["get"]
      """;

  @TempDir Path dir;
  private String policy;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void writePolicy() throws IOException {
    Path file = dir.resolve("policy.yaml");
    Files.writeString(file, POLICY);
    policy = file.toString();
  }

  @Test
  void canIAllowedExitsZeroAndNamesTheGrantWithFileAndLine() {
    CliRun run = CliRun.of("can-i", "get", "pods", "-n", "shop", "--as", "alice", policy);
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().startsWith("yes\n"), run.toString());
    assertTrue(run.out().contains("RoleBinding/shop/alice-reads-pods -> Role/shop/pod-reader, rule #0 at " + policy + ":7"),
        run.toString());
    assertEquals("", run.err());
  }

  @Test
  void canIDeniedExitsOne() {
    CliRun run = CliRun.of("can-i", "delete", "pods", "-n", "shop", "--as", "alice", policy);
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().startsWith("no\n"), run.toString());
  }

  @Test
  void roleBindingDoesNotGrantInAnotherNamespaceOrAcrossAllNamespaces() {
    assertEquals(1, CliRun.of("can-i", "get", "pods", "-n", "other", "--as", "alice", policy).exit());
    assertEquals(1, CliRun.of("can-i", "list", "pods", "-A", "--as", "alice", policy).exit());
  }

  @Test
  void serviceAccountUserGetsItsGroupsAndResolvesBuiltInEdit() throws IOException {
    CliRun run = CliRun.of("can-i", "create", "deployments.apps", "-n", "shop",
        "--as", "system:serviceaccount:shop:deployer", "-o", "json", policy);
    assertEquals(0, run.exit(), run.toString());
    JsonNode root = json.readTree(run.out());
    assertTrue(root.get("allowed").asBoolean());
    JsonNode query = root.get("query");
    assertEquals("system:serviceaccount:shop:deployer", query.get("user").asText());
    assertEquals("[\"system:serviceaccounts\",\"system:serviceaccounts:shop\",\"system:authenticated\"]",
        query.get("groups").toString());
    assertEquals("apps", query.get("apiGroup").asText());
    assertEquals("deployments", query.get("resource").asText());
    assertEquals("shop", query.get("namespace").asText());
    JsonNode grant = root.get("grants").get(0);
    assertEquals("RoleBinding", grant.at("/binding/kind").asText());
    assertEquals("deployer-edits", grant.at("/binding/name").asText());
    assertEquals("shop", grant.at("/binding/namespace").asText());
    assertEquals("ClusterRole", grant.at("/role/kind").asText());
    assertEquals("edit", grant.at("/role/name").asText());
    assertTrue(grant.at("/role/builtIn").asBoolean(), "edit comes from the Kubernetes defaults");
    assertTrue(grant.get("ruleIndex").isInt());
    assertTrue(grant.at("/location/file").asText().startsWith("builtin:kubernetes-defaults/"), grant.toString());
    assertTrue(grant.at("/location/line").asInt() > 0);
  }

  @Test
  void clusterScopedTypeIgnoresNamespaceAndNonResourceUrlsWork() {
    CliRun nodes = CliRun.of("can-i", "list", "nodes", "-n", "shop", "--as", "bob", "--as-group", "ops", policy);
    assertEquals(0, nodes.exit(), nodes.toString());
    assertTrue(nodes.err().contains("cluster-scoped"), nodes.toString());
    assertEquals(0, CliRun.of("can-i", "get", "/metrics", "--as", "bob", "--as-group", "ops", policy).exit());
    assertEquals(1, CliRun.of("can-i", "post", "/metrics", "--as", "bob", "--as-group", "ops", policy).exit());
  }

  @Test
  void unknownTypeWithoutGroupIsAnErrorThatSuggestsTypeDotGroup() {
    CliRun run = CliRun.of("can-i", "get", "widgets", "--as", "alice", policy);
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("widgets"), run.toString());
    assertTrue(run.err().contains("GROUP") || run.err().contains(".example"), run.toString());
    assertEquals("", run.out());
  }

  @Test
  void inputErrorsAreListedOnStderrTheAnswerIsStillPrintedAndTheExitIsTwo() throws IOException {
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, "kind: Role\nmetadata: [unclosed\n");
    CliRun run = CliRun.of("can-i", "get", "pods", "-n", "shop", "--as", "alice", policy, broken.toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.out().startsWith("yes\n"), "the good file is still analysed: " + run);
    assertTrue(run.err().contains(broken + ":"), "the error names the file: " + run);
  }

  @Test
  void manifestsCanComeFromStdin() {
    CliRun run = CliRun.withStdin(POLICY, "can-i", "get", "pods", "-n", "shop", "--as", "alice", "-");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().contains(" at -:7"), run.toString());
  }

  @Test
  void noInputIsAnError() {
    CliRun run = CliRun.of("can-i", "get", "pods", "--as", "alice");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("no input"), run.toString());
  }

  @Test
  void canINeedsAs() {
    CliRun run = CliRun.of("can-i", "get", "pods", policy);
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("--as"), run.toString());
  }

  @Test
  void whoCanListsEverySubjectWithItsGrants() throws IOException {
    CliRun run = CliRun.of("who-can", "get", "pods", "-n", "shop", "-o", "json", policy);
    assertEquals(0, run.exit(), run.toString());
    JsonNode subjects = json.readTree(run.out()).get("subjects");
    assertEquals(2, subjects.size(), run.out());
    assertEquals("User", subjects.get(0).get("kind").asText());
    assertEquals("alice", subjects.get(0).get("name").asText());
    assertTrue(subjects.get(0).get("namespace").isNull());
    assertEquals("ServiceAccount", subjects.get(1).get("kind").asText());
    assertEquals("deployer", subjects.get(1).get("name").asText());
    assertEquals("shop", subjects.get(1).get("namespace").asText(), "takes the RoleBinding's namespace");
    assertFalse(subjects.get(1).get("grants").isEmpty());
  }

  @Test
  void whoCanTextSaysWhenNobodyCan() {
    CliRun run = CliRun.of("who-can", "delete", "nodes", policy);
    assertEquals(0, run.exit());
    assertTrue(run.out().startsWith("No subject can delete nodes"), run.toString());
  }

  @Test
  void permissionsListsClusterWideAndPerNamespaceRules() throws IOException {
    CliRun run = CliRun.of("permissions", "--as", "bob", "--as-group", "ops", "-o", "json", policy);
    assertEquals(0, run.exit(), run.toString());
    JsonNode root = json.readTree(run.out());
    assertEquals("User", root.at("/subject/kind").asText());
    assertEquals("bob", root.at("/subject/name").asText());
    JsonNode rules = root.get("rules");
    assertEquals(2, rules.size(), run.out());
    assertTrue(rules.get(0).get("namespace").isNull());
    assertEquals("[\"nodes\"]", rules.get(0).get("resources").toString());
    assertEquals("[\"/metrics\"]", rules.get(1).get("nonResourceURLs").toString());
  }

  @Test
  void permissionsOfAServiceAccountShowItsNamespacedGrants() throws IOException {
    CliRun run = CliRun.of("permissions", "--as", "system:serviceaccount:shop:deployer", "-o", "json", policy);
    assertEquals(0, run.exit(), run.toString());
    JsonNode root = json.readTree(run.out());
    assertEquals("ServiceAccount", root.at("/subject/kind").asText());
    assertEquals("shop", root.at("/subject/namespace").asText());
    for (JsonNode rule : root.get("rules")) {
      assertEquals("shop", rule.get("namespace").asText(), "edit is bound by a RoleBinding: " + rule);
      assertTrue(rule.get("nonResourceURLs").isEmpty());
    }
  }

  @Test
  void versionPrintsTheProjectVersion() {
    CliRun run = CliRun.of("version");
    assertEquals(0, run.exit());
    assertTrue(run.out().matches("rbac-audit \\d+\\.\\d+\\.\\d+.* \\(Java .+\\)\n"), run.out());
  }

  @Test
  void unknownCommandAndBadFlagsExitTwo() {
    assertEquals(2, CliRun.of("frobnicate").exit());
    assertEquals(2, CliRun.of("can-i", "get", "pods", "--as", "a", "--bogus", policy).exit());
    assertEquals(2, CliRun.of("can-i", "get", "pods", "--as", "a", "-o", "yaml", policy).exit());
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code paths}, run in-process: exit codes, text, the JSON shape of DESIGN.md section 5, DOT. */
class PathsCommandTest {

  private static final String CALICO = "src/test/resources/corpus/calico";
  private static final String GROUPS = "src/test/resources/graph/edges/groups.yaml";

  @Test
  void calicoOperatorReachesClusterAdminInOneHop() {
    CliRun r = CliRun.of("paths", CALICO);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith(
        "ServiceAccount tigera-operator/tigera-operator reaches cluster-admin equivalence in 1 hop:\n"
            + "  1. bind-clusterrole: ServiceAccount tigera-operator/tigera-operator -> cluster-admin equivalence\n"
            + "       create clusterrolebindings (group rbac.authorization.k8s.io) cluster-wide\n"
            + "         granted by ClusterRoleBinding/tigera-operator -> ClusterRole/tigera-operator, rule #10 at "
            + CALICO + "/tigera-operator.yaml:207\n"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void noPathIsSaidPlainly() {
    CliRun r = CliRun.of("paths", "src/test/resources/corpus/metrics-server");
    assertEquals(0, r.exit(), r::toString);
    assertEquals("No path to cluster-admin equivalence within 6 hops from any starting point.\n", r.out());
  }

  @Test
  void jsonHasTheDocumentedShape() throws IOException {
    CliRun r = CliRun.of("paths", "--from", "sa/shop/anyone", "--max-paths", "1", GROUPS, "-o", "json");
    assertEquals(0, r.exit(), r::toString);
    JsonNode root = new ObjectMapper().readTree(r.out());
    JsonNode path = root.get("paths").get(0);
    assertEquals("ServiceAccount", path.get("from").get("kind").asText());
    assertEquals("shop", path.get("from").get("namespace").asText());
    assertEquals("cluster-admin", path.get("target").asText());
    JsonNode hop = path.get("hops").get(0);
    assertEquals("token-request", hop.get("edge").asText());
    assertEquals("Group", hop.get("from").get("type").asText());
    assertEquals("admin", hop.get("to").get("name").asText());
    assertEquals("serviceaccounts", hop.get("permission").get("resource").asText());
    assertEquals("token", hop.get("permission").get("subresource").asText());
    assertEquals("RoleBinding", hop.get("grant").get("binding").get("kind").asText());
    assertEquals(GROUPS, hop.get("grant").get("location").get("file").asText());
    assertEquals(36, hop.get("grant").get("location").get("line").asInt());
    assertEquals(1, path.get("hops").size(), "membership is a step, not a hop");
    assertEquals("member-of", path.get("steps").get(0).get("edge").asText());
    assertEquals(false, path.get("steps").get(0).get("hop").asBoolean());
  }

  @Test
  void toASubject() {
    CliRun r = CliRun.of("paths", "--from", "ServiceAccount/web/anyone", "--to", "sa/ops/worker", GROUPS);
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("ServiceAccount web/anyone reaches ServiceAccount ops/worker in 2 hops:"), r.out());
  }

  @Test
  void dotOutput() {
    CliRun r = CliRun.of("paths", CALICO, "-o", "dot");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("digraph paths {\n"), r.out());
    assertTrue(r.out().contains("[label=\"bind-clusterrole\\ncreate clusterrolebindings"), r.out());
    assertTrue(r.out().endsWith("}\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ServiceAccount/ops", "Pod/x", "sa//x", "User/", "nobody"})
  void badSubjectsAreOneLineErrors(String subject) {
    CliRun r = CliRun.of("paths", "--from", subject, GROUPS);
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().startsWith("rbac-audit: --from " + subject + ": "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void badTargetAndDepth() {
    assertEquals(2, CliRun.of("paths", "--to", "root", GROUPS).exit());
    CliRun r = CliRun.of("paths", "--max-depth", "0", GROUPS);
    assertEquals(2, r.exit());
    assertEquals("rbac-audit: --max-depth and --max-paths must be at least 1\n", r.err());
  }

  @Test
  void kindIsCaseInsensitive() {
    CliRun a = CliRun.of("paths", "--from", "USER/alice", GROUPS);
    CliRun b = CliRun.of("paths", "--from", "user/alice", GROUPS);
    assertEquals(0, a.exit(), a::toString);
    assertEquals(a.out(), b.out());
    assertTrue(a.out().startsWith("User alice reaches cluster-admin equivalence in 1 hop:"), a.out());
  }

  @Test
  void inputErrorsExitTwoButStillAnswer() {
    String yaml = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: x}\nrules: 5\n";
    CliRun r = CliRun.withStdin(yaml, "paths", "-");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.out().startsWith("No path"), r.out());
    assertTrue(r.err().contains("error"), r.err());
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code graph --format dot|graphml|json}: the whole graph, with attributes, through jgrapht-io. */
class GraphCommandTest {

  private static final String CALICO = "src/test/resources/corpus/calico";

  /** A subject name with every character that could break a format (names of Users are free-form). */
  private static final String AWKWARD = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: awkward}
      subjects: [{kind: User, name: "q\\"uote \\\\back <tag> & \\u0007bell\\nline"}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
      """;

  @TempDir Path dir;

  @Test
  void dotToAFile() throws Exception {
    Path out = dir.resolve("g.dot");
    CliRun r = CliRun.of("graph", "--format", "dot", "--output-file", out.toString(), CALICO);
    assertEquals(0, r.exit(), r::toString);
    assertEquals("", r.out());
    String dot = Files.readString(out);
    assertTrue(dot.startsWith("digraph G {"), dot.substring(0, 40));
    assertTrue(dot.contains("kind=\"bind-clusterrole\""), "edge kinds are attributes");
    assertTrue(dot.contains("location=\"" + CALICO + "/tigera-operator.yaml:207\""), "grants carry file:line");
  }

  @Test
  void dotEscapesQuotesAndBackslashes() {
    CliRun r = CliRun.withStdin(AWKWARD, "graph", "--format", "dot", "-");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().contains("name=\"q\\\"uote \\\\back <tag> & bell\\nline\""), r.out());
  }

  @Test
  void graphmlIsWellFormedXml() throws Exception {
    CliRun r = CliRun.withStdin(AWKWARD, "graph", "--format", "graphml", "-");
    assertEquals(0, r.exit(), r::toString);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    assertTrue(doc.getElementsByTagName("node").getLength() > 5);
    assertTrue(r.out().contains("q\"uote \\back &lt;tag&gt; &amp; bell\nline"), r.out());
  }

  @Test
  void jsonHasNodesAndEdgesWithAttributes() throws Exception {
    CliRun r = CliRun.of("graph", "--format", "json", CALICO);
    assertEquals(0, r.exit(), r::toString);
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertTrue(root.get("nodes").size() > 10);
    boolean found = false;
    for (JsonNode e : root.get("edges")) {
      if (e.path("kind").asText().equals("bind-clusterrole")) {
        found = true;
        assertEquals("hop", e.get("category").asText());
        assertTrue(e.get("permission").asText().startsWith("create clusterrolebindings"));
      }
    }
    assertTrue(found, "the escalation edge is exported");
  }

  @Test
  void formatIsRequired() {
    CliRun r = CliRun.of("graph", CALICO);
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--format"), r.err());
  }
}

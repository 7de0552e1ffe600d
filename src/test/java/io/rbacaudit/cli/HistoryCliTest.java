package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan --history DIR}: every run kept, and what is new and resolved since the previous one. */
class HistoryCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static Set<String> fingerprints(JsonNode doc, String list) {
    Set<String> out = new TreeSet<>();
    doc.get(list).forEach(f -> out.add(f.get("fingerprint").asText()));
    return out;
  }

  private List<Path> kept(Path history) throws Exception {
    try (Stream<Path> files = Files.list(history)) {
      return files.sorted().toList();
    }
  }

  @Test
  void eachRunIsKeptAndComparedWithThePreviousOne() throws Exception {
    Path in = dir.resolve("in");
    Path history = dir.resolve("history");
    Files.createDirectories(in);
    for (String f : List.of("namespaces.yaml", "ci/deployer.yaml", "ci/serviceaccounts.yaml", "ci/build-runner.yaml")) {
      Files.createDirectories(in.resolve(f).getParent());
      Files.copy(Path.of("examples").resolve(f), in.resolve(f));
    }

    CliRun first = CliRun.of("scan", in.toString(), "--history", history.toString(), "-o", "json", "--fail-on",
        "never");
    assertEquals(0, first.exit(), first::toString);
    JsonNode one = JSON.readTree(first.out());
    assertTrue(one.get("history").get("previous").isNull(), one.get("history")::toString);
    assertEquals(0, one.get("history").get("new").size());
    assertEquals(1, kept(history).size());
    assertTrue(kept(history).get(0).getFileName().toString().matches("scan-\\d{8}T\\d{6}\\.\\d{3}Z\\.json"));
    assertEquals(fingerprints(one, "findings"), fingerprints(JSON.readTree(kept(history).get(0).toFile()),
        "findings"), "the kept file is this run's JSON report");

    CliRun same = CliRun.of("scan", in.toString(), "--history", history.toString(), "-o", "json", "--fail-on",
        "never");
    JsonNode two = JSON.readTree(same.out());
    assertEquals(kept(history).get(0).getFileName().toString(), two.get("history").get("previous").asText());
    assertEquals(0, two.get("history").get("new").size() + two.get("history").get("resolved").size());
    assertEquals(two.get("findings").size(), two.get("history").get("unchanged").asInt());

    // The runner goes away; a new ServiceAccount gets cluster-admin.
    Files.delete(in.resolve("ci/build-runner.yaml"));
    Files.writeString(in.resolve("ci/new-admin.yaml"), """
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: release-bot, namespace: ci}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: release-bot-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: ServiceAccount, name: release-bot, namespace: ci}]
        """);
    CliRun third = CliRun.of("scan", in.toString(), "--history", history.toString(), "-o", "json", "--fail-on",
        "never");
    JsonNode three = JSON.readTree(third.out());
    Set<String> added = new TreeSet<>(fingerprints(three, "findings"));
    added.removeAll(fingerprints(two, "findings"));
    Set<String> resolved = new TreeSet<>(fingerprints(two, "findings"));
    resolved.removeAll(fingerprints(three, "findings"));
    assertFalse(added.isEmpty() || resolved.isEmpty());
    assertEquals(added, fingerprints(three.get("history"), "new"));
    assertEquals(resolved, fingerprints(three.get("history"), "resolved"));
    assertTrue(three.get("history").get("new").toString().contains("release-bot"));
    assertTrue(three.get("history").get("resolved").toString().contains("build-runner"));
    assertEquals(3, kept(history).size(), "nothing is pruned");

    CliRun text = CliRun.of("scan", in.toString(), "--history", history.toString(), "--fail-on", "never");
    assertTrue(text.out().contains("Since the previous run\n  0 new, 0 resolved, " + three.get("findings").size()
        + " unchanged since " + kept(history).get(2).getFileName() + " (this run kept as "), text::toString);
    assertTrue(text.out().contains("4 runs in " + history), text::toString);
  }

  @Test
  void textListsWhatIsNewAndWhatWasResolved() throws Exception {
    Path in = dir.resolve("in");
    Path history = dir.resolve("history");
    Files.createDirectories(in);
    Files.copy(Path.of("examples/ci/deployer.yaml"), in.resolve("deployer.yaml"));
    assertEquals(0, CliRun.of("scan", in.toString(), "--history", history.toString(), "--fail-on", "never").exit());
    Files.delete(in.resolve("deployer.yaml"));
    Files.copy(Path.of("examples/ci/build-runner.yaml"), in.resolve("build-runner.yaml"));
    CliRun r = CliRun.of("scan", in.toString(), "--history", history.toString(), "--fail-on", "never");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().matches("(?s).*\n  new:      [A-Z]+ RBAC-\\d+ [^\n]*build-runner.*"), r::toString);
    assertTrue(r.out().matches("(?s).*\n  resolved: CRITICAL RBAC-101 ServiceAccount/ci/deployer.*"), r::toString);
  }

  @Test
  void anUnreadablePreviousReportIsOneLineNamingIt() throws Exception {
    Path history = dir.resolve("history");
    Files.createDirectories(history);
    Files.writeString(history.resolve("scan-20990101T000000.000Z.json"), "{not json");
    Files.writeString(history.resolve("notes.txt"), "left alone");
    CliRun r = CliRun.of("scan", "examples", "--history", history.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("scan-20990101T000000.000Z.json") && r.err().contains("move it out"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
    assertTrue(Files.exists(history.resolve("notes.txt")));
  }
}

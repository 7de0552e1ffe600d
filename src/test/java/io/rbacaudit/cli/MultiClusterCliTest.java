package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several cluster contexts in one scan, against in-process API server stand-ins: each analysed on its own, every
 * finding with its cluster, a context that fails reported while the others are scanned, and the aggregation warning
 * of DESIGN.md section 9.
 */
class MultiClusterCliTest {

  private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same objects in both clusters: a ServiceAccount bound to cluster-admin (a critical finding). */
  private static final List<String[]> BASE = List.of(
      new String[] {"/api/v1/namespaces", "{\"metadata\":{\"name\":\"ci\",\"uid\":\"n1\"}}"},
      new String[] {"/api/v1/serviceaccounts",
          "{\"metadata\":{\"name\":\"deployer\",\"namespace\":\"ci\",\"uid\":\"s1\"}}"},
      new String[] {RBAC + "clusterroles", "{\"metadata\":{\"name\":\"cluster-admin\",\"uid\":\"r1\"},\"rules\":["
          + "{\"apiGroups\":[\"*\"],\"resources\":[\"*\"],\"verbs\":[\"*\"]},{\"nonResourceURLs\":[\"*\"],"
          + "\"verbs\":[\"*\"]}]}"},
      new String[] {RBAC + "clusterrolebindings", "{\"metadata\":{\"name\":\"deployer-admin\",\"uid\":\"b1\"},"
          + "\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"ClusterRole\",\"name\":"
          + "\"cluster-admin\"},\"subjects\":[{\"kind\":\"ServiceAccount\",\"name\":\"deployer\",\"namespace\":"
          + "\"ci\"}]}"});

  @TempDir Path dir;
  private StandInCluster prod;
  private StandInCluster staging;
  private Path kubeconfig;

  @BeforeEach
  void start() throws Exception {
    prod = base(new StandInCluster("prod-token"))
        // Stored rules lag behind the selectors: the aggregation controller has not filled "monitoring".
        .with(RBAC + "clusterroles", aggregated("monitoring", "[]"))
        .with(RBAC + "clusterroles", labelled("pod-reader", "monitoring", "pods"))
        // In step: stored rules are what the selected role holds.
        .with(RBAC + "clusterroles", aggregated("logs", "[" + rule("pods/log") + "]"))
        .with(RBAC + "clusterroles", labelled("log-reader", "logs", "pods/log"));
    staging = base(new StandInCluster("staging-token"));
    kubeconfig = dir.resolve("kubeconfig");
    Files.writeString(kubeconfig, StandInCluster.kubeconfig(
        new String[] {"prod", prod.url(), "prod-token"},
        new String[] {"staging", staging.url(), "staging-token"},
        new String[] {"down", "https://127.0.0.1:1", "down-token-71c3"}));
  }

  @AfterEach
  void stop() {
    prod.close();
    staging.close();
  }

  private static StandInCluster base(StandInCluster c) {
    BASE.forEach(o -> c.with(o[0], o[1]));
    return c;
  }

  private static String rule(String resource) {
    return "{\"apiGroups\":[\"\"],\"resources\":[\"" + resource + "\"],\"verbs\":[\"get\",\"list\"]}";
  }

  private static String aggregated(String name, String storedRules) {
    return "{\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"agg-" + name + "\"},\"aggregationRule\":{"
        + "\"clusterRoleSelectors\":[{\"matchLabels\":{\"example.com/aggregate-to-" + name + "\":\"true\"}}]},"
        + "\"rules\":" + storedRules + "}";
  }

  private static String labelled(String name, String into, String resource) {
    return "{\"metadata\":{\"name\":\"" + name + "\",\"uid\":\"u-" + name + "\",\"labels\":{"
        + "\"example.com/aggregate-to-" + into + "\":\"true\"}},\"rules\":[" + rule(resource) + "]}";
  }

  private CliRun scan(String... more) {
    List<String> args = new ArrayList<>(List.of("scan", "--cluster", "--kubeconfig", kubeconfig.toString()));
    args.addAll(List.of(more));
    return run(Map.of(), args.toArray(String[]::new));
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.withEnv(env, args);
  }

  private static List<JsonNode> findings(JsonNode doc, String rule) {
    List<JsonNode> out = new ArrayList<>();
    doc.get("findings").forEach(f -> {
      if (f.get("rule").asText().equals(rule) || rule == null) {
        out.add(f);
      }
    });
    return out;
  }

  private static Set<String> fingerprints(CliRun r) throws Exception {
    Set<String> out = new TreeSet<>();
    JSON.readTree(r.out()).get("findings").forEach(f -> out.add(f.get("fingerprint").asText()));
    return out;
  }

  @Test
  void allContextsAreScannedEachOnItsOwnAndAFailedOneIsReportedNotFatal() throws Exception {
    CliRun r = scan("--all-contexts", "-o", "json", "--fail-on", "never");
    assertEquals(2, r.exit(), "a context could not be read: exit 2 without --allow-partial\n" + r);
    assertTrue(r.err().contains("cluster context \"down\" (https://127.0.0.1:1): unreachable"), r::toString);
    assertTrue(r.err().contains("1 of 3 cluster contexts could not be read"), r::toString);
    assertFalse(r.err().contains("down-token-71c3") || r.out().contains("down-token-71c3"), r::toString);

    JsonNode doc = JSON.readTree(r.out());
    assertEquals("[\"prod\",\"staging\",\"down\"]", doc.get("inputs").get("sources").toString());
    JsonNode clusters = doc.get("clusters");
    assertEquals(3, clusters.size());
    assertEquals("complete", clusters.get(0).get("coverage").asText());
    assertEquals("complete", clusters.get(1).get("coverage").asText());
    assertEquals("failed", clusters.get(2).get("coverage").asText());
    assertTrue(clusters.get(2).get("error").asText().contains("unreachable"), clusters::toString);
    assertTrue(clusters.get(0).get("counts").get("ClusterRole").asInt() == 5
        && clusters.get(1).get("counts").get("ClusterRole").asInt() == 1, clusters::toString);

    // The same binding in two clusters: two findings, each with its cluster and its own fingerprint.
    List<JsonNode> admin = new ArrayList<>();
    for (JsonNode f : findings(doc, null)) {
      assertTrue(Set.of("prod", "staging").contains(f.path("cluster").asText()), f::toString);
      if (f.get("rule").asText().equals("RBAC-101")) {
        admin.add(f);
      }
    }
    assertEquals(2, admin.size(), doc::toString);
    assertEquals(admin.get(0).get("message"), admin.get(1).get("message"));
    assertTrue(!admin.get(0).get("fingerprint").equals(admin.get(1).get("fingerprint")), admin::toString);
    assertEquals(Set.of("prod", "staging"),
        Set.of(admin.get(0).get("cluster").asText(), admin.get(1).get("cluster").asText()));
    int perCluster = clusters.get(0).get("findings").asInt() + clusters.get(1).get("findings").asInt();
    assertEquals(doc.get("findings").size(), perCluster);
    assertTrue(doc.get("warnings").toString().contains("down"), doc::toString);

    CliRun accepted = scan("--all-contexts", "-o", "json", "--fail-on", "never", "--allow-partial");
    assertEquals(0, accepted.exit(), accepted::toString);
    CliRun gated = scan("--all-contexts", "-o", "json", "--allow-partial");
    assertEquals(1, gated.exit(), "one gate over all clusters: the critical findings fail it\n" + gated);
  }

  @Test
  void singleContextFingerprintsAreTheManifestOnesAndMultiContextOnesDiffer() throws Exception {
    Path manifests = dir.resolve("manifests");
    Files.createDirectories(manifests);
    int n = 0;
    for (String[] o : BASE) {
      String kind = switch (o[0].substring(o[0].lastIndexOf('/') + 1)) {
        case "namespaces" -> "\"apiVersion\":\"v1\",\"kind\":\"Namespace\"";
        case "serviceaccounts" -> "\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\"";
        case "clusterroles" -> "\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\"";
        default -> "\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRoleBinding\"";
      };
      Files.writeString(manifests.resolve(n++ + ".json"), "{" + kind + "," + o[1].substring(1));
    }
    CliRun files = run(Map.of(), "scan", manifests.toString(), "--defaults", "none", "-o", "json", "--fail-on",
        "never");
    assertEquals(0, files.exit(), files::toString);
    CliRun single = scan("--context", "staging", "-o", "json", "--fail-on", "never");
    assertEquals(0, single.exit(), single::toString);
    assertTrue(fingerprints(files).size() > 0);
    assertEquals(fingerprints(files), fingerprints(single), "existing baselines keep working for one context");
    JsonNode one = JSON.readTree(single.out());
    assertEquals("staging", one.get("findings").get(0).get("cluster").asText());
    assertEquals(1, one.get("clusters").size());

    CliRun both = scan("--context", "staging", "--context", "prod", "-o", "json", "--fail-on", "never");
    assertEquals(0, both.exit(), both::toString);
    Set<String> multi = fingerprints(both);
    multi.retainAll(fingerprints(single));
    assertTrue(multi.isEmpty(), "a multi-context run keys every fingerprint by its context");

    // A baseline of the multi-context run covers that run's findings, and nothing of the other cluster's.
    Path baseline = dir.resolve("baseline.json");
    Files.writeString(baseline, both.out());
    CliRun again = scan("--context", "staging", "--context", "prod", "--baseline", baseline.toString());
    assertEquals(0, again.exit(), again::toString);
  }

  @Test
  void textAndMarkdownHaveOneSectionPerCluster() {
    CliRun text = scan("--all-contexts", "--allow-partial", "--fail-on", "never");
    assertEquals(0, text.exit(), text::toString);
    int prodAt = text.out().indexOf("== Cluster prod: complete, ");
    int stagingAt = text.out().indexOf("== Cluster staging: complete, ");
    int downAt = text.out().indexOf("== Cluster down: failed (cluster context \"down\"");
    assertTrue(prodAt >= 0 && prodAt < stagingAt && stagingAt < downAt, text::toString);
    String stagingSection = text.out().substring(stagingAt, downAt);
    assertTrue(stagingSection.contains("RBAC-101") && stagingSection.contains("deployer"),
        text::toString);
    assertFalse(stagingSection.contains("pod-reader"), "prod's roles stay in prod's section\n" + text);

    CliRun md = scan("--all-contexts", "--allow-partial", "--fail-on", "never", "-o", "markdown");
    assertTrue(md.out().contains("### Cluster prod: complete") && md.out().contains("#### Findings")
        && md.out().contains("### Cluster down: failed"), md::toString);
  }

  @Test
  void aRefusedTokenFailsThatContextOnlyAndIsNeverPrinted() throws Exception {
    Files.writeString(kubeconfig, StandInCluster.kubeconfig(
        new String[] {"prod", prod.url(), "prod-token"},
        new String[] {"staging", staging.url(), "stale-token-9a7e"}));
    CliRun r = scan("--all-contexts", "-o", "json", "--fail-on", "never");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("cluster context \"staging\"") && r.err().contains("401 Unauthorized"), r::toString);
    assertFalse(r.err().contains("stale-token-9a7e") || r.out().contains("stale-token-9a7e"), r::toString);
    JsonNode doc = JSON.readTree(r.out());
    assertEquals("failed", doc.get("clusters").get(1).get("coverage").asText());
    assertFalse(findings(doc, null).isEmpty(), "prod was still scanned");
  }

  @Test
  void storedAggregationThatDiffersFromTheSelectorsIsALocatedWarning() {
    CliRun r = scan("--context", "prod", "-o", "json", "--fail-on", "never");
    assertEquals(0, r.exit(), "a warning, not an error\n" + r);
    assertTrue(r.err().contains("prod/agg-monitoring: warning: aggregated ClusterRole monitoring in cluster context "
        + "prod: its stored rules differ from what its aggregationRule selects (1 rule missing, 0 rules extra)"),
        r::toString);
    assertFalse(r.err().contains("ClusterRole logs"), "stored rules in step with the selectors: no warning\n" + r);
    assertTrue(r.out().contains("aggregated ClusterRole monitoring in cluster context prod"), "in the report too");
  }

  @Test
  void severalContextsAreForScanOnlyAndSnapshotsAreOnePerContext() throws Exception {
    CliRun canI = run(Map.of(), "can-i", "get", "pods", "--as", "x", "--cluster", "--kubeconfig",
        kubeconfig.toString(), "--context", "prod", "--context", "staging");
    assertEquals(2, canI.exit(), canI::toString);
    assertTrue(canI.err().contains("only scan reads several contexts"), canI::toString);
    CliRun both = scan("--all-contexts", "--context", "prod");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("give --context or --all-contexts, not both"), both::toString);

    Path snap = dir.resolve("snap.json");
    CliRun r = scan("--context", "prod", "--context", "staging", "--save-snapshot", snap.toString(), "--fail-on",
        "never");
    assertEquals(0, r.exit(), r::toString);
    assertTrue(Files.isRegularFile(dir.resolve("snap.prod.json")) && Files.isRegularFile(dir.resolve(
        "snap.staging.json")));
    CliRun offline = run(Map.of(), "scan", dir.resolve("snap.staging.json").toString(), "-o", "json", "--fail-on",
        "never");
    CliRun live = scan("--context", "staging", "-o", "json", "--fail-on", "never");
    assertEquals(0, offline.exit(), offline::toString);
    assertEquals(JSON.readTree(live.out()).get("findings").size(), JSON.readTree(offline.out()).get("findings").size());
  }

  @Test
  void sarifJunitAndHtmlKeepTheClustersApart() throws Exception {
    Path sarif = dir.resolve("r.sarif");
    Path junit = dir.resolve("r.xml");
    Path html = dir.resolve("r.html");
    CliRun r = scan("--context", "prod", "--context", "staging", "--fail-on", "never", "--report",
        "sarif=" + sarif, "--report", "junit=" + junit, "--report", "html=" + html);
    assertEquals(0, r.exit(), r::toString);
    JsonNode results = JSON.readTree(sarif.toFile()).get("runs").get(0).get("results");
    Set<String> clusters = new TreeSet<>();
    Set<String> fingerprints = new TreeSet<>();
    results.forEach(res -> {
      clusters.add(res.get("properties").get("cluster").asText());
      fingerprints.add(res.get("partialFingerprints").toString());
    });
    assertEquals(Set.of("prod", "staging"), clusters);
    assertEquals(results.size(), fingerprints.size(), "no two results share a fingerprint");
    String xml = Files.readString(junit);
    assertTrue(xml.contains("cluster prod: ServiceAccount ci/deployer") && xml.contains(
        "cluster staging: ServiceAccount ci/deployer"), xml);
    // Each finding is located in its own cluster (context and uid of its binding): the page's embedded data holds
    // its locations as [file, line, context, uid], strings by index.
    Matcher data = Pattern.compile(
        "<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(Files.readString(html));
    assertTrue(data.find(), "the page embeds its data");
    JsonNode embedded = new ObjectMapper()
        .readTree(data.group(1));
    Set<String> located = new TreeSet<>();
    for (JsonNode l : embedded.get("locations")) {
      if (l.get(2).asInt() >= 0) {
        located.add(embedded.get("strings").get(l.get(2).asInt()).asText() + " uid "
            + embedded.get("strings").get(l.get(3).asInt()).asText());
      }
    }
    assertTrue(located.contains("prod uid b1") && located.contains("staging uid b1"), located.toString());
  }
}

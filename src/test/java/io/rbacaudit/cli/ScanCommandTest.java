package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan, run in-process: the gate's exit codes, the report formats and files, config, suppressions and baseline. */
class ScanCommandTest {

  private static final String RISKY = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: reader, namespace: shop}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: secret-reader}
      rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["get", "list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: reader-reads-secrets}
      subjects:
      - kind: ServiceAccount
        name: reader
        namespace: shop
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: db, namespace: shop}
      stringData: {password: do-not-print-me-7q2}
      """;

  private static final String SAFE = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: web, namespace: shop}
      automountServiceAccountToken: false
      """;

  @TempDir Path dir;
  private final ObjectMapper json = new ObjectMapper();

  private String write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p.toString();
  }

  @Test
  void riskyInputFailsTheGateWithExitOne() throws IOException {
    CliRun run = CliRun.of("scan", write("risky.yaml", RISKY));
    assertEquals(1, run.exit(), run.toString());
    assertTrue(run.out().contains("RBAC-201"), run.toString());
    assertTrue(run.out().contains("gate: FAILED"), run.toString());
  }

  @Test
  void cleanInputPassesWithExitZero() throws IOException {
    CliRun run = CliRun.of("scan", write("safe.yaml", SAFE));
    assertEquals(0, run.exit(), run.toString());
  }

  @Test
  void failOnNeverAlwaysPassesAndACriticalThresholdIgnoresLowerFindings() throws IOException {
    String risky = write("risky.yaml", RISKY);
    assertEquals(0, CliRun.of("scan", "--fail-on", "never", risky).exit());
    // secrets read cluster-wide is critical: it fails even a critical threshold
    assertEquals(1, CliRun.of("scan", "--fail-on", "critical", risky).exit());
  }

  @Test
  void jsonReportHasTheContractShapeAndStableFingerprints() throws IOException {
    String risky = write("risky.yaml", RISKY);
    CliRun first = CliRun.of("scan", "-o", "json", risky);
    CliRun second = CliRun.of("scan", "-o", "json", risky);
    JsonNode root = json.readTree(first.out());
    assertEquals("rbac-audit", root.at("/tool/name").asText());
    for (String s : List.of("critical", "high", "medium", "low", "info")) {
      assertTrue(root.get("summary").has(s), s);
    }
    JsonNode finding = findingOf(root, "RBAC-201");
    assertEquals("critical", finding.get("severity").asText());
    assertEquals("ServiceAccount", finding.at("/subject/kind").asText());
    assertEquals("reader", finding.at("/subject/name").asText());
    assertEquals("shop", finding.at("/subject/namespace").asText());
    assertTrue(finding.get("namespace").isNull(), "cluster-wide scope");
    assertFalse(finding.get("suppressed").asBoolean());
    assertEquals("ClusterRoleBinding", finding.at("/evidence/0/binding/kind").asText());
    assertEquals(fingerprints(root), fingerprints(json.readTree(second.out())), "fingerprints are stable");
  }

  @Test
  void secretValuesNeverReachAnyFormat() throws IOException {
    String risky = write("risky.yaml", RISKY);
    for (String format : List.of("text", "json", "sarif", "junit", "markdown", "html")) {
      CliRun run = CliRun.of("scan", "-o", format, risky);
      assertFalse(run.out().contains("do-not-print-me"), format);
      assertFalse(run.err().contains("do-not-print-me"), format);
    }
  }

  @Test
  void severalReportsInOneRun() throws IOException {
    String risky = write("risky.yaml", RISKY);
    Path sarif = dir.resolve("out/report.sarif");
    Path junit = dir.resolve("out/report.xml");
    Path main = dir.resolve("out/report.json");
    CliRun run = CliRun.of("scan", risky, "-o", "json", "--output-file", main.toString(),
        "--report", "sarif=" + sarif, "--report", "junit=" + junit);
    assertEquals(1, run.exit(), run.toString());
    assertEquals("", run.out(), "the main report went to its file");
    assertEquals("2.1.0", json.readTree(Files.readString(sarif)).get("version").asText());
    assertTrue(Files.readString(junit).startsWith("<?xml"));
    assertTrue(json.readTree(Files.readString(main)).has("findings"));
  }

  @Test
  void anUnwritableReportFileIsAClearError() throws IOException {
    String safe = write("safe.yaml", SAFE);
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");
    CliRun run = CliRun.of("scan", safe, "--output-file", blocker.resolve("report.json").toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("cannot write the report"), run.toString());
    assertFalse(run.err().contains("internal error"), run.toString());
  }

  @Test
  void unknownFormatIsAnError() throws IOException {
    CliRun run = CliRun.of("scan", "-o", "pdf", write("safe.yaml", SAFE));
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("pdf"), run.toString());
  }

  @Test
  void brokenInputExitsTwoButStillReportsTheRest() throws IOException {
    String risky = write("risky.yaml", RISKY);
    String broken = write("broken.yaml", "kind: Role\nmetadata: [\n");
    CliRun run = CliRun.of("scan", "-o", "json", risky, broken);
    assertEquals(2, run.exit(), run.toString());
    JsonNode root = json.readTree(run.out());
    assertTrue(findingOf(root, "RBAC-201") != null);
    assertTrue(root.get("errors").toString().contains("broken.yaml"), root.get("errors").toString());
  }

  @Test
  void suppressionWithReasonHidesFromTheGateAndAnExpiredOneStopsSuppressing() throws IOException {
    String risky = write("risky.yaml", RISKY);
    String config = write("config.yaml", """
        suppressions:
        - rule: "*"
          subject: {kind: ServiceAccount, namespace: shop, name: reader}
          reason: reviewed, the reader is a backup tool
        """);
    CliRun suppressed = CliRun.of("scan", "--config", config, "-o", "json", risky);
    assertEquals(0, suppressed.exit(), suppressed.toString());
    JsonNode f = findingOf(json.readTree(suppressed.out()), "RBAC-201");
    assertTrue(f.get("suppressed").asBoolean());

    String expired = write("expired.yaml", """
        suppressions:
        - rule: RBAC-201
          subject: {kind: ServiceAccount, namespace: shop, name: reader}
          reason: reviewed last year
          expires: 2020-01-01
        """);
    CliRun again = CliRun.of("scan", "--config", expired, risky);
    assertEquals(1, again.exit(), again.toString());
    assertTrue(again.out().contains("expired"), again.toString());
  }

  @Test
  void badConfigIsAnErrorNamingTheLine() throws IOException {
    String config = write("bad.yaml", "suppressions:\n- rule: RBAC-201\n");
    CliRun run = CliRun.of("scan", "--config", config, write("safe.yaml", SAFE));
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("bad.yaml:"), run.toString());
    assertTrue(run.err().contains("reason"), run.toString());
  }

  @Test
  void baselineFindingsDoNotFailTheGateButNewOnesDo() throws IOException {
    String risky = write("risky.yaml", RISKY);
    Path baseline = dir.resolve("baseline.json");
    CliRun.of("scan", risky, "-o", "json", "--output-file", baseline.toString());
    assertEquals(0, CliRun.of("scan", risky, "--baseline", baseline.toString()).exit());
    String more = write("more.yaml", RISKY.replace("reader", "writer"));
    CliRun run = CliRun.of("scan", risky, more, "--baseline", baseline.toString());
    assertEquals(1, run.exit(), "a new subject's findings fail the gate: " + run);
  }

  @Test
  void disablingARuleRemovesItsFindings() throws IOException {
    String risky = write("risky.yaml", RISKY);
    CliRun run = CliRun.of("scan", "-o", "json", "--disable", "RBAC-201", risky);
    assertTrue(findingOf(json.readTree(run.out()), "RBAC-201") == null, run.toString());
    assertEquals(2, CliRun.of("scan", "--disable", "RBAC-999", risky).exit(), "unknown rule ids are an error");
  }

  @Test
  void examplesShowThePlantedRisks() throws IOException {
    CliRun run = CliRun.of("scan", "-o", "json", "--fail-on", "never", "examples/");
    assertEquals(0, run.exit(), run.err());
    JsonNode root = json.readTree(run.out());
    List<String> expected = List.of("RBAC-101", "RBAC-106", "RBAC-107", "RBAC-111", "RBAC-201", "RBAC-301", "RBAC-304",
        "RBAC-401", "RBAC-402", "RBAC-405", "RBAC-601", "RBAC-602", "RBAC-603", "RBAC-605", "RBAC-606", "RBAC-607",
        "RBAC-610");
    for (String id : expected) {
      assertTrue(findingOf(root, id) != null, id + " is planted in examples/");
    }
  }

  @Test
  void corpusFindingsAReviewerExpects() throws IOException {
    String corpus = "src/test/resources/corpus/";
    JsonNode flux = scanJson(corpus + "flux2", "--default-namespace", "flux-system");
    assertTrue(hasFinding(flux, "RBAC-101", "kustomize-controller"), "flux2 binds kustomize-controller to cluster-admin");
    assertTrue(hasFinding(flux, "RBAC-101", "helm-controller"), "flux2 binds helm-controller to cluster-admin");
    JsonNode argo = scanJson(corpus + "argo-workflows/quick-start", "--default-namespace", "argo");
    assertTrue(hasFinding(argo, "RBAC-601", "default"), "argo-workflows grants roles to the default ServiceAccount");
    assertTrue(hasFinding(argo, "RBAC-605", "default.service-account-token"), "argo's legacy token Secret");
    JsonNode calico = scanJson(corpus + "calico");
    assertTrue(hasFinding(calico, "RBAC-401", "tigera-operator"), "tigera-operator may escalate");
    assertTrue(hasFinding(calico, "RBAC-402", "tigera-operator"), "tigera-operator may bind");
    assertFalse(hasFinding(calico, "RBAC-203", "calico-node"), "calico-node's token request is for one named SA");
    JsonNode kyverno = scanJson(corpus + "kyverno");
    assertTrue(hasFinding(kyverno, "RBAC-201", "kyverno-service-account"), "kyverno's aggregated role reads every Secret");
    JsonNode prometheus = scanJson(corpus + "kube-prometheus");
    assertFalse(hasFinding(prometheus, "RBAC-307", "prometheus-k8s"), "nodes/metrics is not nodes/proxy");
  }

  private JsonNode scanJson(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("scan", "-o", "json", "--fail-on", "never"));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(all.toArray(String[]::new));
    assertEquals(0, run.exit(), run.err());
    return json.readTree(run.out());
  }

  private static boolean hasFinding(JsonNode root, String rule, String subjectName) {
    for (JsonNode f : root.get("findings")) {
      if (f.get("rule").asText().equals(rule) && f.at("/subject/name").asText().equals(subjectName)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode findingOf(JsonNode root, String rule) {
    for (JsonNode f : root.get("findings")) {
      if (f.get("rule").asText().equals(rule)) {
        return f;
      }
    }
    return null;
  }

  private static List<String> fingerprints(JsonNode root) {
    List<String> out = new ArrayList<>();
    root.get("findings").forEach(f -> out.add(f.get("fingerprint").asText()));
    return out;
  }
}

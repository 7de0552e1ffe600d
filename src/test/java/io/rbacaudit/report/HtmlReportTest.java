package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rbacaudit.findings.ScanResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report: its golden file, what a reviewer needs in it, and hostile input kept inert. */
class HtmlReportTest {

  private static final Pattern DATA = EmbeddedData.DATA;

  @Test
  void golden() {
    GoldenFile.assertMatches("scan.html", new HtmlReportRenderer().render(SampleScan.result()));
  }

  @Test
  void isSelfContainedAndForbidsNetworkRequests() {
    String html = new HtmlReportRenderer().render(SampleScan.result());
    assertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        + "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"), "CSP forbids requests");
    assertFalse(Pattern.compile("<(link|img|iframe|object|embed)\\b", Pattern.CASE_INSENSITIVE).matcher(html).find(),
        "nothing loaded from elsewhere");
    assertFalse(Pattern.compile("\\bsrc=", Pattern.CASE_INSENSITIVE).matcher(html).find(), "no src attributes");
    assertEquals(1, count(html, "id=\"data\""), "the findings are embedded once");
    assertTrue(html.contains("@media print") && html.contains("prefers-color-scheme: dark"));
  }

  @Test
  void embedsEveryFindingWithItsSuppressionSnippet() throws Exception {
    ScanResult r = SampleScan.result();
    List<ObjectNode> findings = EmbeddedData.of(new HtmlReportRenderer().render(r)).findings();
    assertEquals(r.findings().size(), findings.size());
    for (int i = 0; i < findings.size(); i++) {
      assertEquals(r.findings().get(i).finding().message(), findings.get(i).get("message").asText(), "lossless");
      assertEquals(r.findings().get(i).fingerprint(), findings.get(i).get("fingerprint").asText());
    }
    JsonNode secrets = findings.get(1);
    assertEquals("Role", secrets.at("/evidence/0/role/kind").asText());
    assertEquals("secret-reader", secrets.at("/evidence/0/role/name").asText());
    assertEquals(9, secrets.at("/evidence/0/location/line").asInt());
    assertEquals("Deployment", secrets.at("/workloads/0/kind").asText());
    assertEquals("RBAC-201", secrets.get("rule").asText());
    assertEquals("deploy/shop/rbac.yaml", secrets.at("/evidence/0/location/file").asText());
    assertEquals("""
        suppressions:
        - rule: "RBAC-201"
          subject:
            kind: "ServiceAccount"
            namespace: "shop"
            name: "reader"
          namespace: "shop"
          reason: "FILL IN: why this is accepted, and who reviewed it"
          expires: YYYY-MM-DD  # FILL IN: when to look again (or delete this line)
        """, secrets.get("snippet").asText());
  }

  /** The subject view's data: profiles shared by role and kind of scope, each subject's holdings pointing at them. */
  @Test
  void embedsTheFindingSubjectsPermissionsOnce() throws Exception {
    EmbeddedData data = EmbeddedData.of(new HtmlReportRenderer().render(SampleScan.result()));
    JsonNode access = data.raw.get("access");
    List<String> subjects = new java.util.ArrayList<>();
    access.get("subjects").forEach(s -> subjects.add(data.ref(s.get(0).asInt()).toString()));
    assertEquals(List.of(
        "{\"kind\":\"Group\",\"name\":\"deployers\",\"namespace\":null}",
        "{\"kind\":\"ServiceAccount\",\"name\":\"kustomize-controller\",\"namespace\":\"flux-system\"}",
        "{\"kind\":\"ServiceAccount\",\"name\":\"prometheus\",\"namespace\":\"monitoring\"}",
        "{\"kind\":\"ServiceAccount\",\"name\":\"reader\",\"namespace\":\"shop\"}"), subjects,
        "the identities findings are about (not roles, workloads or Secrets)");
    JsonNode reader = access.get("subjects").get(3).get(1);
    assertEquals(1, reader.size(), "one binding");
    JsonNode holding = reader.get(0);
    assertEquals("read-secrets", data.ref(holding.get(0).asInt()).get("name").asText());
    assertEquals("shop", data.str(holding.get(3).asInt()));
    JsonNode profile = access.get("profiles").get(holding.get(2).asInt());
    assertEquals("secret-reader", data.role(profile.get(0).asInt()).get("name").asText());
    List<String> cells = new java.util.ArrayList<>();
    profile.get(2).forEach(c -> {
      List<String> names = new java.util.ArrayList<>();
      c.get(3).forEach(n -> names.add(data.str(n.asInt())));
      cells.add(data.str(c.get(0).asInt()) + " " + data.str(c.get(1).asInt()) + (names.isEmpty() ? "" : " " + names));
    });
    assertEquals(List.of("configmaps get [shop-config]", "secrets get", "secrets list"), cells);
    JsonNode admin = access.get("profiles").get(access.get("subjects").get(1).get(1).get(0).get(2).asInt());
    assertTrue(data.role(admin.get(0).asInt()).get("builtIn").asBoolean(), "cluster-admin is marked built-in");
  }

  /** An RBAC-701 finding's path is laid out by the scan: one column per step, a chain on one row. */
  @Test
  void embedsEscalationPathsWithTheirLayout() throws Exception {
    EmbeddedData data = EmbeddedData.of(new HtmlReportRenderer().render(SampleScan.escalation()));
    ObjectNode escalation = data.findings().stream().filter(f -> f.get("rule").asText().equals("RBAC-701"))
        .findFirst().orElseThrow();
    JsonNode path = data.raw.get("paths").get(escalation.get("path").asInt());
    List<String> nodes = new java.util.ArrayList<>();
    path.get("n").forEach(n -> nodes.add(n.get(0).asInt() + "," + n.get(1).asInt() + " " + data.str(n.get(5).asInt())));
    assertEquals(List.of("200,45 Group acme:support", "600,45 ServiceAccount kube-system/ops",
        "1000,45 cluster-admin equivalence"), nodes);
    List<String> edges = new java.util.ArrayList<>();
    path.get("e").forEach(e -> edges.add(e.get(0).asInt() + "->" + e.get(1).asInt() + " " + data.str(e.get(2).asInt())
        + " hop=" + e.get(3).asInt() + " at " + data.location(e.get(4).asInt()).get("file").asText()));
    assertEquals(List.of("0->1 impersonate-serviceaccount hop=1 at deploy/support.yaml",
        "1->2 equivalent hop=0 at deploy/ops.yaml"), edges);
    assertEquals(1200, path.get("w").asInt());
    assertEquals(-1, data.findings().stream().filter(f -> !f.get("rule").asText().equals("RBAC-701"))
        .mapToInt(f -> f.get("path").asInt()).max().orElseThrow(), "only escalation findings have a path");
  }

  @Test
  void summarisesTheGateSeveritiesRiskiestSubjectsServiceAccountsAndRules() {
    String html = new HtmlReportRenderer().render(SampleScan.result());
    assertTrue(html.contains("gate: FAILED at --fail-on high (3 findings)"), "gate");
    assertTrue(html.contains("<span class=\"n\">1</span> critical"), "severity counts");
    String riskiest = section(html, "id=\"riskiest\"", "</table>");
    assertTrue(riskiest.indexOf("kustomize-controller") < riskiest.indexOf("reader"), "worst subject first");
    assertFalse(riskiest.contains("prometheus"), "a suppressed finding is waived, not a risk");
    String sa = section(html, "id=\"sa-table\"", "</table>");
    assertTrue(sa.contains("RBAC-602") && sa.contains("RBAC-605") && !sa.contains("RBAC-201"), sa);
    assertTrue(sa.contains("href=\"#finding-3\""), "links to the finding's detail");
    assertTrue(section(html, "id=\"rules-table\"", "</table>").contains("RBAC-404"), "the rules that ran");
    assertTrue(html.contains("deploy/broken.yaml:3:7"), "what could not be read");
  }

  @Test
  void hostileInputStaysText() throws Exception {
    String html = new HtmlReportRenderer().render(HostileScan.result());
    Matcher m = DATA.matcher(html);
    assertTrue(m.find());
    String json = m.group(1);
    String outside = html.substring(0, m.start()) + html.substring(m.end());
    assertFalse(outside.contains(HostileScan.SCRIPT), "no raw <script> from input outside the data");
    assertFalse(outside.contains("<img"), "no raw <img> from input");
    assertFalse(Pattern.compile("href=\"\\s*javascript:", Pattern.CASE_INSENSITIVE).matcher(html).find());
    assertFalse(outside.contains(HostileScan.BIDI), "bidi controls are shown as code points");
    assertTrue(outside.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "markup is escaped, not dropped");
    assertFalse(json.contains("<") || json.contains(">"), "the data cannot close its script element");
    assertFalse(json.contains("\u2028") || json.contains("\u2029"));
    assertEquals(2, count(html, "<script"), "only the data and the page's own script");
    JsonNode f = EmbeddedData.of(html).findings().get(0);
    assertEquals("Message " + HostileScan.NASTY, f.get("message").asText(), "the data keeps the exact text");
    assertTrue(f.get("snippet").asText().contains("\\u202e"), "the snippet quotes bidi controls");
    assertFalse(f.get("snippet").asText().contains(HostileScan.BIDI));
  }

  @Test
  void aTemplateFolderOverridesTheBundledTemplate(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("scan.ftlh"), "<p>${r.gate.text} ${r.notes[0]}</p><#include \"report.css\" parse=false>");
    String html = new HtmlReportRenderer(dir).render(HostileScan.result());
    assertTrue(html.startsWith("<p>gate: FAILED at --fail-on high (1 finding) Note x&lt;script&gt;"), html.substring(0, 80));
    assertTrue(html.contains("prefers-color-scheme"), "files missing in the folder come from the bundle");
  }

  @Test
  void diffPageEscapesFindingsFromTheReports() {
    io.rbacaudit.findings.DiffFinding hostile = new io.rbacaudit.findings.DiffFinding("fp" + HostileScan.NASTY, "RBAC-201",
        io.rbacaudit.rules.Severity.HIGH, "Title " + HostileScan.NASTY,
        new io.rbacaudit.model.ObjectRef("ServiceAccount", HostileScan.NASTY, "shop"), null, "Message " + HostileScan.NASTY);
    String html = new HtmlReportRenderer().render(HtmlDiffView.of(
        new io.rbacaudit.findings.ScanDiff(List.of(hostile), List.of(), List.of()), "old.json", "new.json"));
    assertTrue(html.contains("<h2>New findings (1)</h2>") && html.contains("<h2>Resolved findings (0)</h2>"));
    assertFalse(html.contains(HostileScan.SCRIPT) || html.contains("<img") || html.contains(HostileScan.BIDI), html);
    assertTrue(html.contains("Message x&lt;script&gt;"), "shown as text");
    assertFalse(html.contains("<script"), "the diff page has no script at all");
  }

  private static String section(String html, String start, String end) {
    int from = html.indexOf(start);
    assertTrue(from >= 0, start);
    return html.substring(from, html.indexOf(end, from));
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}

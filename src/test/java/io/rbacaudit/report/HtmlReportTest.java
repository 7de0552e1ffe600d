package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

  private static final Pattern DATA = Pattern.compile(
      "<script type=\"application/json\" id=\"data\">(.*?)</script>", Pattern.DOTALL);

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
    JsonNode data = data(new HtmlReportRenderer().render(r));
    assertEquals(r.findings().size(), data.get("findings").size());
    JsonNode secrets = data.get("findings").get(1);
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
    JsonNode f = new ObjectMapper().readTree(json).get("findings").get(0);
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

  static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertTrue(m.find(), "the page embeds its data");
    return new ObjectMapper().readTree(m.group(1));
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

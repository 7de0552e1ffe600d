package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the golden files do not pin down: limits, gate wording, location fallbacks, counts. */
class FormatDetailsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Location BUILTIN = Location.file("builtin:edit", 0);

  private static ReportedFinding high(String name, Location location, List<Evidence> evidence) {
    Finding f = SampleScan.finding(SampleScan.SECRETS_READ, Severity.HIGH, "ServiceAccount shop/" + name + " reads Secrets.",
        new ObjectRef("ServiceAccount", name, "shop"), "shop", location, List.of(), evidence, List.of(), false);
    return SampleScan.open(f, "fp-" + name);
  }

  private static List<ReportedFinding> many(int n) {
    List<ReportedFinding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(high(String.format("sa-%03d", i), Location.file("deploy/x.yaml", i + 1), List.of()));
    }
    return out;
  }

  /** RBAC-701 findings add {@code steps}: each with its Vertices, edge kind, hop flag and evidence location. */
  @Test
  void jsonEscalationFindingCarriesStructuredHops() throws Exception {
    JsonNode findings = MAPPER.readTree(new JsonReportRenderer().render(SampleScan.escalation())).get("findings");
    JsonNode escalation = null;
    for (JsonNode f : findings) {
      if (f.get("rule").asText().equals("RBAC-701")) {
        escalation = f;
      } else {
        assertFalse(f.has("steps"), "only escalation findings carry steps: " + f.get("rule"));
      }
    }
    JsonNode hops = escalation.get("steps");
    assertEquals(2, hops.size());
    JsonNode first = hops.get(0);
    assertEquals("{\"type\":\"Group\",\"name\":\"acme:support\",\"namespace\":null}", first.get("from").toString());
    assertEquals("{\"type\":\"ServiceAccount\",\"name\":\"ops\",\"namespace\":\"kube-system\"}",
        first.get("to").toString());
    assertEquals("impersonate-serviceaccount", first.get("edge").asText());
    assertTrue(first.get("hop").asBoolean());
    assertEquals("deploy/support.yaml", first.get("location").get("file").asText());
    assertEquals(7, first.get("location").get("line").asInt());
    assertEquals("equivalent", hops.get(1).get("edge").asText());
    assertFalse(hops.get(1).get("hop").asBoolean());
    assertEquals("cluster-admin", hops.get(1).get("to").get("name").asText());
  }

  @Test
  void jsonTopLevelFieldsFollowTheContract() throws Exception {
    JsonNode json = MAPPER.readTree(new JsonReportRenderer().render(SampleScan.result()));
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    assertEquals(List.of("tool", "generatedAt", "inputs", "summary", "gate", "findings", "errors", "warnings", "notes",
        "excludedByPreset", "statusCounts", "rules"), names);
    List<String> finding = new ArrayList<>();
    Iterator<String> it = json.get("findings").get(0).fieldNames();
    it.forEachRemaining(finding::add);
    assertEquals(List.of("fingerprint", "rule", "severity", "category", "title", "message", "subject", "namespace",
        "evidence", "remediation", "references", "suppressed", "status", "baseline", "suppression", "latent",
        "defaultPolicy", "location", "relatedLocations", "workloads"), finding);
    assertEquals("never", MAPPER.readTree(new JsonReportRenderer().render(
        SampleScan.assemble(List.of(), List.of(), null, List.of(), Map.of()))).get("gate").get("failOn").asText());
  }

  @Test
  void summaryLineSaysWhatTheGateDid() {
    ScanResult passed = SampleScan.assemble(List.of(), List.of(), Severity.HIGH, List.of(), Map.of());
    assertTrue(new TextReportRenderer(false).render(passed)
        .endsWith("0 findings: 0 critical, 0 high, 0 medium, 0 low, 0 info \u2014 gate: passed at --fail-on high\n"));
    ScanResult off = SampleScan.assemble(many(1), List.of(), null, List.of(), Map.of());
    assertTrue(new TextReportRenderer(false).render(off)
        .endsWith("1 finding: 0 critical, 1 high, 0 medium, 0 low, 0 info \u2014 gate: off (--fail-on never)\n"));
  }

  @Test
  void textCutsLongEvidenceLists() {
    List<Evidence> evidence = new ArrayList<>();
    RoleId role = new RoleId(RoleKind.CLUSTER_ROLE, "reader", null, false);
    for (int i = 0; i < 13; i++) {
      evidence.add(new GrantEvidence(SampleScan.grant(new ObjectRef("RoleBinding", "b" + i, "shop"), role, 0,
          Location.file("r.yaml", i + 1))));
    }
    ScanResult r = SampleScan.assemble(List.of(high("a", Location.file("a.yaml", 1), evidence)), List.of(),
        Severity.HIGH, List.of(), Map.of());
    String out = new TextReportRenderer(false).render(r);
    assertTrue(out.contains("RoleBinding/shop/b9 "));
    assertFalse(out.contains("RoleBinding/shop/b10 "));
    assertTrue(out.contains("... and 3 more (see -o json)"));
  }

  @Test
  void markdownCutsTheFindingsTable() {
    ScanResult r = SampleScan.assemble(many(60), List.of(), Severity.HIGH, List.of(), Map.of());
    String out = new MarkdownRenderer().render(r);
    assertTrue(out.contains("sa-049"));
    assertFalse(out.contains("sa-050"));
    assertTrue(out.contains("_and 10 more: the JSON, SARIF or HTML report lists them all._"));
    assertTrue(out.startsWith("## \u274c rbac-audit: gate: FAILED at --fail-on high \\(60 findings\\)\n"));
  }

  @Test
  void junitFailsEachRuleOnceAndCountsRight() throws Exception {
    ScanResult r = SampleScan.assemble(many(3), List.of(), Severity.HIGH, List.of(), Map.of());
    String out = new JunitRenderer().render(r);
    assertTrue(out.contains("<testsuite name=\"rbac-audit\" tests=\"8\" failures=\"1\" errors=\"0\""), out);
    assertEquals(1, out.split("<failure ", -1).length - 1);
    assertTrue(out.contains("message=\"ServiceAccount shop/sa-000 reads Secrets. (and 2 more)\" type=\"high\""), out);
    assertTrue(out.contains("sa-002 reads Secrets."));
  }

  @Test
  void junitWithoutAGateFailsNothing() {
    ScanResult r = SampleScan.assemble(many(2), List.of(), null, List.of(), Map.of());
    String out = new JunitRenderer().render(r);
    assertTrue(out.contains("tests=\"8\" failures=\"0\" errors=\"0\""), out);
    assertTrue(out.contains("<system-out>[high] ServiceAccount shop/sa-000"), out);
  }

  @Test
  void sarifLocatesABuiltInGrantAtTheFirstFileItCan() throws Exception {
    RoleId edit = new RoleId(RoleKind.CLUSTER_ROLE, "edit", null, true);
    ObjectRef binding = new ObjectRef("RoleBinding", "b", "shop");
    ReportedFinding viaObject = high("a", BUILTIN, List.of(new GrantEvidence(SampleScan.grant(binding, edit, 0, BUILTIN)),
        new ObjectEvidence(new ObjectRef("ServiceAccount", "a", "shop"), Location.file("deploy/sa.yaml", 7), null)));
    ReportedFinding nowhere = high("b", BUILTIN, List.of(new GrantEvidence(SampleScan.grant(binding, edit, 0, BUILTIN))));
    ScanResult r = SampleScan.assemble(List.of(viaObject, nowhere), List.of(), Severity.HIGH, List.of(), Map.of());
    String out = new SarifRenderer().render(r);
    assertEquals(List.of(), SarifSchema.problems(out));
    JsonNode results = MAPPER.readTree(out).get("runs").get(0).get("results");
    JsonNode where = results.get(0).get("locations").get(0).get("physicalLocation");
    assertEquals("deploy/sa.yaml", where.get("artifactLocation").get("uri").asText());
    assertEquals(7, where.get("region").get("startLine").asInt());
    assertFalse(results.get(0).has("relatedLocations"), "the same place is not repeated");
    assertNull(results.get(1).get("locations"), "nothing has a file: no location");
    assertNull(results.get(0).get("baselineState"), "no baseline matched: no baselineState");
  }

  @Test
  void sarifRuleIndexPointsAtTheRule() throws Exception {
    JsonNode run = MAPPER.readTree(new SarifRenderer().render(SampleScan.result())).get("runs").get(0);
    JsonNode rules = run.get("tool").get("driver").get("rules");
    for (JsonNode result : run.get("results")) {
      assertEquals(result.get("ruleId").asText(), rules.get(result.get("ruleIndex").asInt()).get("id").asText());
    }
  }

  @Test
  void markdownTextLeavesPlainTextReadable() {
    assertEquals("ServiceAccount shop/reader-1 at deploy/a.yaml:3", MarkdownText.inline("ServiceAccount shop/reader-1 at deploy/a.yaml:3"));
    assertEquals("\\- item", MarkdownText.inline("- item"));
    assertEquals("12\\. item", MarkdownText.inline("12. item"));
    assertEquals("a &lt;b&gt; &amp; \\[c\\]\\(d\\)", MarkdownText.inline("a <b> & [c](d)"));
    assertEquals("line one line two", MarkdownText.inline("line one\nline two"));
    assertEquals("[https:\u200b//example.com/x](https://example.com/x)", MarkdownText.reference("https://example.com/x"));
    assertEquals("javascript:alert\\(1\\)", MarkdownText.reference("javascript:alert(1)"));
    assertEquals("https:\u200b//e.com/a\\_\\(b\\)", MarkdownText.reference("https://e.com/a_(b)"));
  }
}

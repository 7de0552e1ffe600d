package io.rbacaudit.report;

import io.rbacaudit.findings.ScanResult;
import org.junit.jupiter.api.Test;

/** Every format of one hand-built scan, compared with its golden file. */
class ReportGoldenTest {

  private final ScanResult result = SampleScan.result();

  @Test
  void text() {
    GoldenFile.assertMatches("scan.txt", new TextReportRenderer(false).render(result));
  }

  @Test
  void textInColour() {
    GoldenFile.assertMatches("scan.color.txt", new TextReportRenderer(true).render(result));
  }

  @Test
  void json() {
    GoldenFile.assertMatches("scan.json", new JsonReportRenderer().render(result));
  }

  @Test
  void sarif() {
    GoldenFile.assertMatches("scan.sarif", new SarifRenderer().render(result));
  }

  @Test
  void junit() {
    GoldenFile.assertMatches("scan.junit.xml", new JunitRenderer().render(result));
  }

  @Test
  void markdown() {
    GoldenFile.assertMatches("scan.md", new MarkdownRenderer().render(result));
  }
}

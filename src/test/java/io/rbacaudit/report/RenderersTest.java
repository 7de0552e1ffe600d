package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.findings.ScanResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderersTest {

  @Test
  void everyScanFormatHasARendererByName() {
    Renderers renderers = Renderers.standard(false);
    assertEquals(List.of("html", "json", "junit", "markdown", "sarif", "text"), renderers.names());
    assertInstanceOf(TextReportRenderer.class, renderers.get("text"));
    assertInstanceOf(JsonReportRenderer.class, renderers.get("json"));
    assertInstanceOf(SarifRenderer.class, renderers.get("sarif"));
    assertInstanceOf(JunitRenderer.class, renderers.get("junit"));
    assertInstanceOf(MarkdownRenderer.class, renderers.get("markdown"));
    assertInstanceOf(SarifRenderer.class, renderers.get(" SARIF "));
  }

  @Test
  void theMapCannotBeChanged() {
    Map<String, ReportRenderer> map = Renderers.standard(false).asMap();
    assertThrows(UnsupportedOperationException.class, () -> map.put("xml", r -> ""));
  }

  @Test
  void anUnknownFormatNamesTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Renderers.standard(false).get("xml"));
    assertEquals("unknown report format 'xml': use one of html, json, junit, markdown, sarif, text", e.getMessage());
    IllegalArgumentException hostile =
        assertThrows(IllegalArgumentException.class, () -> Renderers.standard(false).get("x\u001b[2J"));
    assertTrue(hostile.getMessage().contains("x\\u001b[2J"), hostile.getMessage());
  }

  @Test
  void colourOnlyWhenAskedFor() {
    ScanResult r = SampleScan.result();
    assertTrue(Renderers.standard(true).get("text").render(r).contains("\u001b["));
    assertTrue(!Renderers.standard(false).get("text").render(r).contains("\u001b"));
    for (String format : List.of("json", "sarif", "junit", "markdown", "html")) {
      assertTrue(!Renderers.standard(true).get(format).render(r).contains("\u001b"), format + " is never coloured");
    }
  }

  @Test
  void everyFormatEndsWithOneNewlineAndShowsInputProblems() {
    ScanResult r = SampleScan.result();
    Renderers renderers = Renderers.standard(false);
    for (String format : renderers.names()) {
      String out = renderers.get(format).render(r);
      assertTrue(out.endsWith("\n") && !out.endsWith("\n\n"), format + " ends with one newline");
      assertTrue(out.contains("mapping values are not allowed here"), format + " shows the input error");
      assertTrue(out.contains("v1beta1 is deprecated"), format + " shows the input warning");
      assertTrue(out.contains("matched no finding"), format + " shows the notes");
    }
  }

  @Test
  void renderingIsDeterministic() {
    Renderers renderers = Renderers.standard(true);
    for (String format : renderers.names()) {
      assertEquals(renderers.get(format).render(SampleScan.result()), renderers.get(format).render(SampleScan.result()),
          format);
    }
  }

  @Test
  void aStreamedReportIsTheRenderedOneInEveryFormat() throws Exception {
    // scan streams reports to their files (JSON and SARIF without a whole-report String): the bytes must not change.
    Renderers renderers = Renderers.standard(false);
    for (String format : renderers.names()) {
      java.io.StringWriter out = new java.io.StringWriter();
      renderers.get(format).write(SampleScan.result(), out);
      assertEquals(renderers.get(format).render(SampleScan.result()), out.toString(), format);
    }
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scan -o html}, {@code --report html=FILE} and {@code --template-dir} from the command line. */
class ScanHtmlTest {

  @TempDir Path dir;

  @Test
  void htmlIsAReportFormatOfScan() throws IOException {
    Path html = dir.resolve("report.html");
    CliRun run = CliRun.of("scan", "examples/", "--fail-on", "never", "-o", "json", "--report", "html=" + html);
    assertEquals(0, run.exit(), run.toString());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>"), page.substring(0, 40));
    int start = page.indexOf("<script type=\"application/json\" id=\"data\">");
    JsonNode data = new ObjectMapper().readTree(page.substring(page.indexOf('>', start) + 1, page.indexOf("</script>", start)));
    assertEquals(3, data.get("paths").size(), "the three escalation paths of examples/, laid out for drawing");
    assertTrue(data.get("strings").toString().contains("\"RBAC-701\""), "the escalation findings are in the data");
    assertEquals(9, data.get("access").get("subjects").size(), "what the identities of findings can do");
    assertTrue(page.contains("examples/"), "what was scanned");
  }

  @Test
  void aTemplateFolderReplacesTheBundledPage() throws IOException {
    Path templates = Files.createDirectories(dir.resolve("templates"));
    Files.writeString(templates.resolve("scan.ftlh"), "<p>${r.open} open; ${r.gate.text}</p>\n");
    CliRun run = CliRun.of("scan", "examples/", "--fail-on", "never", "-o", "html", "--template-dir", templates.toString());
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().matches("<p>\\d+ open; gate: off \\(--fail-on never\\)</p>\n"), run.out());
  }

  @Test
  void aMissingTemplateFolderIsAUserError() {
    CliRun run = CliRun.of("scan", "examples/", "-o", "html", "--template-dir", dir.resolve("nowhere").toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.err().contains("--template-dir") && run.err().contains("is not a folder"), run.err());
  }

  @Test
  void diffShowsNewResolvedAndUnchangedAsHtml() throws IOException {
    Path before = dir.resolve("before.json");
    Path after = dir.resolve("after.json");
    assertEquals(0, CliRun.of("scan", "examples/shop", "--fail-on", "never", "-o", "json", "--output-file",
        before.toString()).exit());
    assertEquals(0, CliRun.of("scan", "examples/", "--fail-on", "never", "-o", "json", "--output-file",
        after.toString()).exit());
    CliRun run = CliRun.of("diff", before.toString(), after.toString(), "-o", "html");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().startsWith("<!DOCTYPE html>"), run.out());
    assertTrue(run.out().contains("default-src 'none'"), "no network requests");
    assertTrue(run.out().matches("(?s).*<h2>New findings \\([1-9]\\d*\\)</h2>.*"), "the findings outside shop/ are new");
    assertTrue(run.out().matches("(?s).*<h2>Resolved findings \\(\\d+\\)</h2>.*<h2>Unchanged findings \\([1-9]\\d*\\)</h2>.*"),
        "the shop findings are unchanged");
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rbac-audit diff OLD.json NEW.json`: three counted sections in text, the documented JSON shape, exit 0 or 2. */
class DiffCommandTest {

  @TempDir Path dir;
  Path older;
  Path newer;

  static String finding(String fingerprint, String rule, String severity, String name, String namespace) {
    return """
        {"fingerprint": "%s", "rule": "%s", "severity": "%s", "title": "Title of %s", "message": "%s can do it",
         "subject": {"kind": "ServiceAccount", "name": "%s", "namespace": "shop"}, "namespace": %s}"""
        .formatted(fingerprint, rule, severity, rule, name, name, namespace == null ? "null" : "\"" + namespace + "\"");
  }

  static String report(String... findings) {
    return "{\"tool\": {\"name\": \"rbac-audit\", \"version\": \"0.1.0\"}, \"findings\": ["
        + String.join(",", findings) + "]}";
  }

  @BeforeEach
  void reports() throws IOException {
    String kept = finding("aaaa", "RBAC-201", "high", "reader", "shop");
    older = Files.writeString(dir.resolve("old.json"), report(kept, finding("bbbb", "RBAC-101", "critical", "ci", null)));
    newer = Files.writeString(dir.resolve("new.json"), report(finding("cccc", "RBAC-306", "medium", "dev", "shop"), kept));
  }

  @Test
  void textShowsThreeSectionsWithCounts() {
    CliRun run = CliRun.of("diff", older.toString(), newer.toString());
    assertEquals(0, run.exit(), run.toString());
    assertEquals("""
        1 new, 1 resolved, 1 unchanged

        New findings (1)
          MEDIUM RBAC-306 ServiceAccount/shop/dev (namespace shop)  [cccc]
              Title of RBAC-306
              dev can do it

        Resolved findings (1)
          CRITICAL RBAC-101 ServiceAccount/shop/ci (cluster-wide)  [bbbb]
              Title of RBAC-101
              ci can do it

        Unchanged findings (1)
          HIGH RBAC-201 ServiceAccount/shop/reader (namespace shop)  [aaaa]
              Title of RBAC-201
              reader can do it
        """, run.out());
    assertEquals("", run.err());
  }

  @Test
  void jsonHasNewResolvedAndUnchangedEntries() throws IOException {
    CliRun run = CliRun.of("diff", older.toString(), newer.toString(), "-o", "json");
    assertEquals(0, run.exit(), run.toString());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals(java.util.List.of("new", "resolved", "unchanged"), iterable(json.fieldNames()));
    JsonNode added = json.get("new").get(0);
    assertEquals(java.util.List.of("fingerprint", "rule", "severity", "title", "subject", "namespace", "message"),
        iterable(added.fieldNames()));
    assertEquals("cccc", added.get("fingerprint").asText());
    assertEquals("medium", added.get("severity").asText());
    assertEquals("dev", added.get("subject").get("name").asText());
    assertTrue(json.get("resolved").get(0).get("namespace").isNull(), "cluster-wide is null");
    assertEquals("aaaa", json.get("unchanged").get(0).get("fingerprint").asText());
  }

  @Test
  void aFileThatIsNotAScanReportIsAnErrorNamingIt() throws IOException {
    Path sarif = Files.writeString(dir.resolve("scan.sarif"), "{\"runs\": []}");
    CliRun run = CliRun.of("diff", older.toString(), sarif.toString());
    assertEquals(2, run.exit(), run.toString());
    assertEquals("", run.out());
    assertTrue(run.err().startsWith("rbac-audit: " + sarif + ": not an rbac-audit JSON scan report"), run.err());
  }

  @Test
  void aMissingFileOrAnUnknownFormatIsExitTwo() {
    assertEquals(2, CliRun.of("diff", older.toString(), dir.resolve("nope.json").toString()).exit());
    assertEquals(2, CliRun.of("diff", older.toString(), newer.toString(), "-o", "sarif").exit());
    assertEquals(2, CliRun.of("diff", older.toString()).exit());
  }

  private static java.util.List<String> iterable(java.util.Iterator<String> it) {
    java.util.List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}

package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.model.Location;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SARIF output against the official SARIF 2.1.0 schema. */
class SarifSchemaTest {

  @Test
  void goldenFileIsValidSarif() throws IOException {
    String golden = Files.readString(GoldenFile.DIR.resolve("scan.sarif"), StandardCharsets.UTF_8);
    assertEquals(List.of(), SarifSchema.problems(golden));
  }

  @Test
  void renderedSampleIsValidSarif() {
    assertEquals(List.of(), SarifSchema.problems(new SarifRenderer().render(SampleScan.result())));
  }

  @Test
  void hostileInputStillGivesValidSarif() {
    assertEquals(List.of(), SarifSchema.problems(new SarifRenderer().render(HostileScan.result())));
  }

  @Test
  void emptyScanIsValidSarif() {
    ScanResult empty = SampleScan.assemble(List.of(), List.of(), null, List.of(), Map.of());
    assertEquals(List.of(), SarifSchema.problems(new SarifRenderer().render(empty)));
  }

  @Test
  void theValidatorRejectsWhatTheSchemaForbids() {
    String sarif = new SarifRenderer().render(SampleScan.result());
    String bad = sarif.replace("\"level\": \"warning\"", "\"level\": \"fatal\"");
    assertNotEquals(sarif, bad, "the sample must contain a warning-level result to corrupt");
    assertFalse(SarifSchema.problems(bad).isEmpty(), "the validator must not accept an unknown level");
    String noVersion = sarif.replace("\"version\": \"2.1.0\"", "\"version\": \"2.0\"");
    assertNotEquals(sarif, noVersion, "the sample must carry the SARIF version to corrupt");
    assertFalse(SarifSchema.problems(noVersion).isEmpty(), "the validator must check the version");
  }

  @Test
  void pathsBecomeUriReferences() {
    assertEquals("deploy/a%20b/r%C3%A9le.yaml", SarifText.uri("./deploy/a b/rôle.yaml".replace("ô", "\u00e9")));
    assertEquals("file:///abs/x.yaml", SarifText.uri("/abs/x.yaml"));
    assertEquals("file:///C:/charts/x%25.yaml", SarifText.uri("C:\\charts\\x%.yaml"));
    assertEquals("a%3Ab/x.yaml", SarifText.uri("a:b/x.yaml"));
    assertTrue(SarifText.isAbsolute("/abs/x.yaml"));
    assertFalse(SarifText.inFile(Location.file("builtin:cluster-admin", 0)));
    assertFalse(SarifText.inFile(Location.file("-", 3)));
    assertFalse(SarifText.inFile(Location.cluster("prod", "uid-1")));
  }

  @Test
  void levelsAndSecuritySeverityFollowTheSeverity() {
    assertEquals("error", SarifRenderer.level(Severity.CRITICAL));
    assertEquals("error", SarifRenderer.level(Severity.HIGH));
    assertEquals("warning", SarifRenderer.level(Severity.MEDIUM));
    assertEquals("note", SarifRenderer.level(Severity.LOW));
    assertEquals("note", SarifRenderer.level(Severity.INFO));
    assertEquals("9.5", SarifRenderer.securitySeverity(Severity.CRITICAL));
    assertEquals("0.0", SarifRenderer.securitySeverity(Severity.INFO));
  }
}

package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines and diffs read earlier JSON reports; anything else is refused with the file named, never read as empty. */
class JsonReportReaderTest {

  /** A scan report in the shape of DESIGN.md section 5 (abridged: readers must ignore fields they do not use). */
  static final String REPORT = """
      {
        "tool": {"name": "rbac-audit", "version": "0.1.0"},
        "inputs": {"files": ["rbac.yaml"]},
        "summary": {"critical": 1, "high": 1, "medium": 0, "low": 0, "info": 0},
        "findings": [
          {"fingerprint": "7b31e40f585975ea7c754ed6f14e846c", "rule": "RBAC-101", "severity": "critical",
           "category": "bindings", "title": "Subject bound to cluster-admin", "message": "m1",
           "subject": {"kind": "ServiceAccount", "name": "kustomize-controller", "namespace": "flux-system"},
           "namespace": null, "evidence": [], "suppressed": false},
          {"fingerprint": "0123456789abcdef0123456789abcdef", "rule": "RBAC-201", "severity": "high",
           "title": "Subject can read Secrets", "message": "m2",
           "subject": {"kind": "User", "name": "alice", "namespace": null}, "namespace": "shop"}
        ],
        "errors": [], "warnings": []
      }
      """;

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void readsTheFingerprintsOfEveryFinding() throws IOException {
    assertEquals(Set.of("7b31e40f585975ea7c754ed6f14e846c", "0123456789abcdef0123456789abcdef"),
        JsonReportReader.fingerprints(write("old.json", REPORT)));
  }

  @Test
  void readsFindingsBackForDiff() throws IOException {
    List<DiffFinding> findings = JsonReportReader.findings(write("old.json", REPORT));
    assertEquals(List.of(
        new DiffFinding("7b31e40f585975ea7c754ed6f14e846c", "RBAC-101", Severity.CRITICAL,
            "Subject bound to cluster-admin", new ObjectRef("ServiceAccount", "kustomize-controller", "flux-system"),
            null, "m1"),
        new DiffFinding("0123456789abcdef0123456789abcdef", "RBAC-201", Severity.HIGH, "Subject can read Secrets",
            new ObjectRef("User", "alice", null), "shop", "m2")), findings);
  }

  @Test
  void anEmptyReportIsAnEmptyBaseline() throws IOException {
    assertEquals(Set.of(), JsonReportReader.fingerprints(write("clean.json", "{\"tool\": {}, \"findings\": []}")));
  }

  @Test
  void refusesWhatIsNotAScanReportNamingTheFile() throws IOException {
    Path sarif = write("scan.sarif", "{\"$schema\": \"x\", \"version\": \"2.1.0\", \"runs\": []}");
    assertEquals(sarif + ": not an rbac-audit JSON scan report (it looks like a SARIF report); give a report written"
        + " by `rbac-audit scan -o json`", refusal(sarif));
    Path diff = write("diff.json", "{\"new\": [], \"resolved\": [], \"unchanged\": []}");
    assertEquals(diff + ": not an rbac-audit JSON scan report (it has no \"findings\" list); give a report written"
        + " by `rbac-audit scan -o json`", refusal(diff));
    Path yaml = write("rbac.yaml", "kind: Role\nmetadata: {name: x}\n");
    assertEquals(yaml + ":1: not valid JSON", refusal(yaml).substring(0, (yaml + ":1: not valid JSON").length()));
    Path noFingerprint = write("edited.json", "{\"findings\": [{\"rule\": \"RBAC-101\"}]}");
    assertEquals(noFingerprint + ": findings[0] has no fingerprint: not a finding of an rbac-audit JSON scan report",
        refusal(noFingerprint));
    Path missing = dir.resolve("missing.json");
    assertEquals(missing + ": no such file", refusal(missing));
  }

  @Test
  void aFindingWithAnUnknownSeverityCannotBeDiffed() throws IOException {
    Path odd = write("odd.json", REPORT.replace("\"high\"", "\"urgent\""));
    ReportFileException e = assertThrows(ReportFileException.class, () -> JsonReportReader.findings(odd));
    assertEquals(odd + ": findings[1].severity: unknown severity 'urgent'", e.getMessage());
  }

  private static String refusal(Path p) {
    return assertThrows(ReportFileException.class, () -> JsonReportReader.fingerprints(p)).getMessage();
  }
}

package io.rbacaudit.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads back a JSON scan report (DESIGN.md section 5) written by any earlier run: for {@code --baseline} (its
 * fingerprints) and {@code diff} (its findings). Anything that is not such a report is one clear error naming the
 * file, never a silently empty baseline that would let every old finding fail the gate again.
 */
public final class JsonReportReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String file;

  private JsonReportReader(String file) {
    this.file = file;
  }

  /**
   * The fingerprints of every finding in the report, whatever its status.
   *
   * @throws ReportFileException when the file is unreadable, not JSON, or not a scan report
   */
  public static Set<String> fingerprints(Path report) {
    JsonReportReader reader = new JsonReportReader(report.toString());
    Set<String> out = new LinkedHashSet<>();
    JsonNode findings = reader.findingsOf(reader.parse(report));
    for (int i = 0; i < findings.size(); i++) {
      out.add(reader.text(findings.get(i), "fingerprint", i));
    }
    return out;
  }

  /**
   * Every finding of the report, in the report's order.
   *
   * @throws ReportFileException when the file is unreadable, not JSON, or not a scan report
   */
  public static List<DiffFinding> findings(Path report) {
    JsonReportReader reader = new JsonReportReader(report.toString());
    List<DiffFinding> out = new ArrayList<>();
    JsonNode findings = reader.findingsOf(reader.parse(report));
    for (int i = 0; i < findings.size(); i++) {
      out.add(reader.finding(findings.get(i), i));
    }
    return out;
  }

  private JsonNode parse(Path report) {
    try {
      return MAPPER.readTree(Files.readAllBytes(report));
    } catch (NoSuchFileException e) {
      throw new ReportFileException(file + ": no such file");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new ReportFileException(file + (line > 0 ? ":" + line : "") + ": not valid JSON ("
          + e.getOriginalMessage() + "); give a report written by `rbac-audit scan -o json`");
    } catch (IOException e) {
      throw new ReportFileException(file + ": cannot be read: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }
  }

  private JsonNode findingsOf(JsonNode root) {
    if (root != null && root.isObject() && root.has("runs") && !root.has("findings")) {
      throw notAReport("it looks like a SARIF report");
    }
    if (root == null || !root.isObject() || !root.path("findings").isArray()) {
      throw notAReport("it has no \"findings\" list");
    }
    return root.get("findings");
  }

  private ReportFileException notAReport(String why) {
    return new ReportFileException(file + ": not an rbac-audit JSON scan report (" + why
        + "); give a report written by `rbac-audit scan -o json`");
  }

  private DiffFinding finding(JsonNode f, int index) {
    String severityName = text(f, "severity", index);
    Severity severity = Severity.parse(severityName).orElseThrow(() -> new ReportFileException(
        file + ": findings[" + index + "].severity: unknown severity '" + severityName + "'"));
    JsonNode subject = f.get("subject");
    if (subject == null || !subject.isObject()) {
      throw new ReportFileException(file + ": findings[" + index + "] has no subject object: not a scan report finding");
    }
    ObjectRef ref = new ObjectRef(text(subject, "kind", index), text(subject, "name", index),
        optional(subject, "namespace"));
    return new DiffFinding(text(f, "fingerprint", index), text(f, "rule", index), severity, optional(f, "title"), ref,
        optional(f, "namespace"), optional(f, "message"), optional(f, "cluster"));
  }

  private String text(JsonNode node, String field, int index) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new ReportFileException(file + ": findings[" + index + "] has no " + field
          + ": not a finding of an rbac-audit JSON scan report");
    }
    return v.asText();
  }

  private static String optional(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}

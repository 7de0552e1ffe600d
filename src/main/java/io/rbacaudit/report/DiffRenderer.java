package io.rbacaudit.report;

import static io.rbacaudit.report.TerminalText.safe;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.findings.ScanDiff;
import io.rbacaudit.report.JsonShapes.RefJson;
import java.util.List;

/** Shows a {@link ScanDiff}: text with three counted sections, or JSON {@code {"new", "resolved", "unchanged"}}. */
public final class DiffRenderer {

  private DiffRenderer() {}

  /** One finding of a diff; field names are a contract (DESIGN.md section 5: add, never rename). */
  public record DiffFindingJson(
      String fingerprint, String rule, String severity, String title, RefJson subject, String namespace, String message,
      @JsonInclude(JsonInclude.Include.NON_NULL) String cluster) {
    static DiffFindingJson of(DiffFinding f) {
      return new DiffFindingJson(f.fingerprint(), f.rule(), f.severity().id(), f.title(), RefJson.of(f.subject()),
          f.namespace(), f.message(), f.cluster());
    }

    public static List<DiffFindingJson> all(List<DiffFinding> findings) {
      return findings.stream().map(DiffFindingJson::of).toList();
    }
  }

  public record DiffJson(
      @JsonProperty("new") List<DiffFindingJson> added,
      List<DiffFindingJson> resolved,
      List<DiffFindingJson> unchanged) {}

  public static String render(OutputFormat format, ScanDiff diff) {
    if (format == OutputFormat.JSON) {
      return JsonWriter.write(new DiffJson(
          DiffFindingJson.all(diff.added()), DiffFindingJson.all(diff.resolved()), DiffFindingJson.all(diff.unchanged())));
    }
    StringBuilder sb = new StringBuilder();
    sb.append(diff.added().size()).append(" new, ")
        .append(diff.resolved().size()).append(" resolved, ")
        .append(diff.unchanged().size()).append(" unchanged\n");
    section(sb, "New findings", diff.added());
    section(sb, "Resolved findings", diff.resolved());
    section(sb, "Unchanged findings", diff.unchanged());
    return sb.toString();
  }

  /** {@code HIGH RBAC-101 ServiceAccount/ns/name (namespace x) in cluster c}; callers escape it for their format. */
  public static String line(DiffFinding f) {
    return f.severity().id().toUpperCase(java.util.Locale.ROOT) + ' ' + f.rule() + ' ' + f.subject()
        + (f.namespace() == null ? " (cluster-wide)" : " (namespace " + f.namespace() + ")")
        + (f.cluster() == null ? "" : " in cluster " + f.cluster());
  }

  private static void section(StringBuilder sb, String heading, List<DiffFinding> findings) {
    sb.append('\n').append(heading).append(" (").append(findings.size()).append(")\n");
    if (findings.isEmpty()) {
      sb.append("  none\n");
    }
    for (DiffFinding f : findings) {
      sb.append("  ").append(safe(line(f))).append("  [").append(safe(f.fingerprint())).append("]\n");
      if (f.title() != null) {
        sb.append("      ").append(safe(f.title())).append('\n');
      }
      if (f.message() != null) {
        sb.append("      ").append(safe(f.message())).append('\n');
      }
    }
  }
}

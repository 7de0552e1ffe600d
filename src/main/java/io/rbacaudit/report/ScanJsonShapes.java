package io.rbacaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.rbacaudit.report.JsonShapes.GrantJson;
import io.rbacaudit.report.JsonShapes.LocationJson;
import io.rbacaudit.report.JsonShapes.ProblemJson;
import io.rbacaudit.report.JsonShapes.RefJson;
import java.util.List;
import java.util.Map;

/**
 * The scan JSON of DESIGN.md section 5, as records. It is the lossless format: baselines and {@code diff} read it
 * back, so fields may be added, never renamed.
 */
public final class ScanJsonShapes {

  private ScanJsonShapes() {}

  public record ScanJson(
      ToolJson tool,
      String generatedAt,
      InputsJson inputs,
      SummaryJson summary,
      GateJson gate,
      List<FindingJson> findings,
      List<ProblemJson> errors,
      List<ProblemJson> warnings,
      List<String> notes,
      Map<String, Integer> excludedByPreset,
      StatusCountsJson statusCounts,
      List<RuleJson> rules,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ClusterJson> clusters,
      @JsonInclude(JsonInclude.Include.NON_NULL) HistoryJson history) {}

  /**
   * One cluster context of a cluster scan.
   *
   * @param coverage complete, partial (some lists forbidden: see unreadable) or failed (see error)
   * @param summary open findings per severity in this context
   */
  public record ClusterJson(String context, String coverage, String error, List<String> unreadable,
      Map<String, Integer> counts, SummaryJson summary, int findings) {}

  /**
   * What changed since the previous run of a {@code --history} folder.
   *
   * @param previous the previous run's file name, null on the first run
   * @param saved this run's file name
   * @param kept runs in the folder, this one included
   */
  public record HistoryJson(String folder, String previous, String saved,
      @com.fasterxml.jackson.annotation.JsonProperty("new") List<DiffRenderer.DiffFindingJson> added,
      List<DiffRenderer.DiffFindingJson> resolved, int unchanged, int kept) {}

  public record ToolJson(String name, String version) {}

  /** Counts and skipped kinds sorted by kind. */
  public record InputsJson(List<String> sources, Map<String, Integer> counts, Map<String, Integer> skippedKinds) {}

  /** Open findings per severity. */
  public record SummaryJson(int critical, int high, int medium, int low, int info) {}

  public record StatusCountsJson(int open, int suppressed, int baseline) {}

  /** @param failOn a severity, or {@code never} */
  public record GateJson(String failOn, boolean failed, int failing) {}

  public record FindingJson(
      String fingerprint,
      String rule,
      String severity,
      String category,
      String title,
      String message,
      RefJson subject,
      String namespace,
      List<EvidenceJson> evidence,
      String remediation,
      List<String> references,
      boolean suppressed,
      String status,
      boolean baseline,
      SuppressionJson suppression,
      boolean latent,
      boolean defaultPolicy,
      LocationJson location,
      List<LocationJson> relatedLocations,
      List<RefJson> workloads,
      @JsonInclude(JsonInclude.Include.NON_NULL) String cluster,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<HopJson> steps) {}

  /**
   * A step of an RBAC-701 escalation path, named as in the {@code steps} of {@code rbac-audit paths -o json}:
   * {@code from} and {@code to} are Vertices ({@code {"type","name","namespace"}}), {@code edge} an edge kind of
   * spec/escalation.md, {@code hop} false for free steps (membership, runs-as), {@code location} the grant or
   * workload that makes the step. Only RBAC-701 findings carry them.
   */
  public record HopJson(PathShapes.VertexJson from, PathShapes.VertexJson to, String edge, boolean hop,
      LocationJson location) {}

  /** A grant or an object, told apart by {@code type}. */
  public sealed interface EvidenceJson permits GrantEvidenceJson, ObjectEvidenceJson {}

  /** {@code {"type": "grant"}} followed by the fields of {@link GrantJson}. */
  @JsonPropertyOrder({"type"})
  public record GrantEvidenceJson(String type, @JsonUnwrapped GrantJson grant) implements EvidenceJson {
    public GrantEvidenceJson(GrantJson grant) {
      this("grant", grant);
    }
  }

  public record ObjectEvidenceJson(
      String type, String kind, String name, String namespace, LocationJson location, String note)
      implements EvidenceJson {
    public ObjectEvidenceJson(RefJson ref, LocationJson location, String note) {
      this("object", ref.kind(), ref.name(), ref.namespace(), location, note);
    }
  }

  /** @param expires an ISO date, or null */
  public record SuppressionJson(String reason, String expires, LocationJson location) {}

  /** A rule that ran, so a reader sees what was checked and not only what was found. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record RuleJson(String id, String name, String title, String severity, String category) {}
}

package io.rbacaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.rbacaudit.report.JsonShapes.RefJson;
import io.rbacaudit.report.ScanJsonShapes.GateJson;
import io.rbacaudit.report.ScanJsonShapes.StatusCountsJson;
import io.rbacaudit.report.ScanJsonShapes.SummaryJson;
import java.util.List;
import java.util.Map;

/** The subset of SARIF 2.1.0 that rbac-audit writes, as records (property names are SARIF's). */
public final class SarifShapes {

  private SarifShapes() {}

  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  public static final String VERSION = "2.1.0";

  public record SarifLog(@JsonProperty("$schema") String schema, String version, List<Run> runs) {}

  public record Run(Tool tool, List<Invocation> invocations, List<Result> results, RunProperties properties) {}

  public record Tool(Driver driver) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Driver(String name, String version, String informationUri, List<ReportingDescriptor> rules) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ReportingDescriptor(
      String id,
      String name,
      Message shortDescription,
      Message fullDescription,
      Help help,
      String helpUri,
      Configuration defaultConfiguration,
      RuleProperties properties) {}

  public record Message(String text) {}

  public record Help(String text, String markdown) {}

  public record Configuration(String level) {}

  /** GitHub code scanning reads {@code security-severity} (a number as a string) for rules tagged {@code security}. */
  public record RuleProperties(
      String category, List<String> tags, @JsonProperty("security-severity") String securitySeverity) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Result(
      String ruleId,
      int ruleIndex,
      String level,
      Message message,
      List<Location> locations,
      List<Location> relatedLocations,
      Map<String, String> partialFingerprints,
      List<Suppression> suppressions,
      String baselineState,
      ResultProperties properties) {}

  /** @param cluster the cluster context of a cluster scan's finding, else absent */
  public record ResultProperties(String severity, String status, RefJson subject, String namespace, boolean latent,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      String cluster) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Location(Integer id, PhysicalLocation physicalLocation, Message message) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ArtifactLocation(String uri, String uriBaseId) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Region(int startLine, Integer startColumn) {}

  public record Suppression(String kind, String status, String justification) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Invocation(
      boolean executionSuccessful,
      List<Notification> toolExecutionNotifications,
      List<Notification> toolConfigurationNotifications) {}

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Notification(String level, Message message, List<Location> locations) {}

  /** What SARIF has no place for: the gate and the findings the exclude preset skipped (counted, never dropped). */
  public record RunProperties(
      SummaryJson summary, StatusCountsJson statusCounts, GateJson gate, Map<String, Integer> excludedByPreset) {}
}

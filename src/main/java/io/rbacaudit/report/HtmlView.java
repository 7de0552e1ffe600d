package io.rbacaudit.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything the HTML templates show, built once from the scan result: templates read these records and nothing
 * else, so they never reach into the analysis. The findings table is not here as rows: it is {@code dataJson}, the
 * findings embedded once and rendered lazily by the page's script.
 *
 * @param subjects how many subjects the subject view can show (those findings are about)
 * @param dataJson the findings, escalation paths and subject permissions as JSON (the shape is {@link HtmlData}'s),
 *     already safe inside a {@code <script type="application/json">} element
 */
public record HtmlView(
    String toolName,
    String toolVersion,
    String generatedAt,
    List<String> sources,
    List<Count> counts,
    int objectTotal,
    List<Count> skippedKinds,
    List<ProblemRow> errors,
    List<ProblemRow> warnings,
    List<String> notes,
    List<Count> excludedByPreset,
    int excludedTotal,
    GateView gate,
    List<Count> severities,
    int open,
    int suppressed,
    int baseline,
    List<SubjectRow> riskiest,
    List<FindingRow> serviceAccountFindings,
    int serviceAccountTotal,
    List<RuleRow> rules,
    int subjects,
    String dataJson) {

  public HtmlView {
    sources = List.copyOf(sources);
    counts = List.copyOf(counts);
    skippedKinds = List.copyOf(skippedKinds);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
    excludedByPreset = List.copyOf(excludedByPreset);
    Objects.requireNonNull(gate, "gate");
    severities = List.copyOf(severities);
    riskiest = List.copyOf(riskiest);
    serviceAccountFindings = List.copyOf(serviceAccountFindings);
    rules = List.copyOf(rules);
    Objects.requireNonNull(dataJson, "dataJson");
  }

  public int total() {
    return open + suppressed + baseline;
  }

  /** A name with a number: objects per kind, findings per severity, skipped findings per rule. */
  public record Count(String name, int count) {}

  /** An input error or warning: {@code where} is {@code file:line:column}. */
  public record ProblemRow(String where, String message) {}

  /** @param failOn a severity id, or {@code never} */
  public record GateView(String failOn, boolean failed, int failing, String text) {}

  /**
   * A subject with its open and baseline findings, for the riskiest-subjects list.
   *
   * @param worst the most severe finding's severity id
   * @param rules the rule ids, sorted, comma-separated
   */
  public record SubjectRow(String kind, String name, String namespace, String worst, int count, String rules) {}

  /** A finding as a static row (the default-ServiceAccount section); {@code index} is its place in the data. */
  public record FindingRow(int index, String severity, String rule, String subject, String namespace, String message,
      String status) {}

  public record RuleRow(String id, String title, String severity, String category, String description) {}
}

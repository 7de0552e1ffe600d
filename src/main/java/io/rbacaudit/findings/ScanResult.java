package io.rbacaudit.findings;

import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a report renders, and nothing a renderer has to compute: renderers never query the analysis.
 *
 * @param findings sorted: severity, rule, subject, scope
 * @param summary open findings per severity (suppressed and baseline ones are counted in {@code statusCounts})
 * @param rules the rules that ran (enabled), for SARIF's rule table and the HTML catalogue
 * @param excludedByPreset findings the exclude preset skipped, per rule id: counted, never silently dropped
 * @param notes one-line remarks for the reader: expired or unused suppressions, baseline file facts
 */
public record ScanResult(
    String toolName,
    String toolVersion,
    Instant generatedAt,
    Inputs inputs,
    List<ReportedFinding> findings,
    Map<Severity, Integer> summary,
    Map<Status, Integer> statusCounts,
    List<Problem> problems,
    Gate gate,
    List<RuleSpec> rules,
    Map<String, Integer> excludedByPreset,
    List<String> notes) {

  public ScanResult {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(gate, "gate");
    findings = List.copyOf(findings);
    summary = Map.copyOf(summary);
    statusCounts = Map.copyOf(statusCounts);
    problems = List.copyOf(problems);
    rules = List.copyOf(rules);
    excludedByPreset = Map.copyOf(excludedByPreset);
    notes = List.copyOf(notes);
  }

  /**
   * What was scanned.
   *
   * @param sources files/folders as given, {@code -}, or cluster contexts
   * @param counts objects per kind that were analysed (Role, ClusterRole, ..., Deployment), inputs only (no defaults)
   * @param skippedKinds kinds read but not analysed
   */
  public record Inputs(List<String> sources, Map<String, Integer> counts, Map<String, Integer> skippedKinds) {
    public Inputs {
      sources = List.copyOf(sources);
      counts = Map.copyOf(counts);
      skippedKinds = Map.copyOf(skippedKinds);
    }
  }

  /**
   * @param failOn the threshold, or null for {@code never}
   * @param failing open findings at or above the threshold
   */
  public record Gate(Severity failOn, int failing) {
    public boolean failed() {
      return failing > 0;
    }
  }

  public boolean hasInputErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }
}

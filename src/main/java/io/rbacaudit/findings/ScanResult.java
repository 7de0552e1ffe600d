package io.rbacaudit.findings;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.SubjectAccess;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything a report renders, and nothing a renderer has to compute: renderers never query the analysis.
 *
 * @param findings sorted: severity, rule, subject, scope
 * @param summary open findings per severity (suppressed and baseline ones are counted in {@code statusCounts})
 * @param rules the rules that ran (enabled), for SARIF's rule table and the HTML catalogue
 * @param excludedByPreset findings the exclude preset skipped, per rule id: counted, never silently dropped
 * @param notes one-line remarks for the reader: expired or unused suppressions, baseline file facts
 * @param clusters one entry per cluster context in a cluster scan (in the order given), empty for manifests
 * @param history what changed since the previous run of a {@code --history} folder, else null
 * @param access the effective permissions of the identities findings are about, for the HTML report's subject
 *     view; {@link SubjectAccess#NONE} when no report asked for it
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
    List<String> notes,
    List<ClusterOutcome> clusters,
    ScanHistory history,
    SubjectAccess access) {

  /** A scan of manifests, without history. */
  public ScanResult(String toolName, String toolVersion, Instant generatedAt, Inputs inputs,
      List<ReportedFinding> findings, Map<Severity, Integer> summary, Map<Status, Integer> statusCounts,
      List<Problem> problems, Gate gate, List<RuleSpec> rules, Map<String, Integer> excludedByPreset,
      List<String> notes) {
    this(toolName, toolVersion, generatedAt, inputs, findings, summary, statusCounts, problems, gate, rules,
        excludedByPreset, notes, List.of(), null, SubjectAccess.NONE);
  }

  public ScanResult {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(gate, "gate");
    findings = List.copyOf(findings);
    summary = ordered(Severity.class, summary);
    statusCounts = ordered(Status.class, statusCounts);
    problems = List.copyOf(problems);
    rules = List.copyOf(rules);
    excludedByPreset = sorted(excludedByPreset);
    notes = List.copyOf(notes);
    clusters = List.copyOf(clusters);
    access = access == null ? SubjectAccess.NONE : access;
  }

  public ScanResult withHistory(ScanHistory h) {
    return new ScanResult(toolName, toolVersion, generatedAt, inputs, findings, summary, statusCounts, problems, gate,
        rules, excludedByPreset, notes, clusters, h, access);
  }

  public ScanResult withAccess(SubjectAccess access) {
    return new ScanResult(toolName, toolVersion, generatedAt, inputs, findings, summary, statusCounts, problems, gate,
        rules, excludedByPreset, notes, clusters, history, access);
  }

  /** True for a scan of several cluster contexts: reports show one section per context. */
  public boolean multiCluster() {
    return clusters.size() > 1;
  }

  /** The identities (Users, Groups, ServiceAccounts) that findings are about, each once, sorted. */
  public List<Subject> identities() {
    TreeSet<Subject> out = new TreeSet<>();
    for (ReportedFinding rf : findings) {
      ObjectRef ref = rf.finding().subject();
      SubjectKind.fromKube(ref.kind()).ifPresent(kind -> out.add(new Subject(kind, ref.name(),
          kind == SubjectKind.SERVICE_ACCOUNT ? ref.namespace() : null)));
    }
    return List.copyOf(out);
  }

  // Map.copyOf iterates in an order that changes from one JVM run to the next: reports must not.
  private static <K extends Enum<K>> Map<K, Integer> ordered(Class<K> type, Map<K, Integer> map) {
    EnumMap<K, Integer> copy = new EnumMap<>(type);
    copy.putAll(map);
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, Integer> sorted(Map<String, Integer> map) {
    return Collections.unmodifiableMap(new TreeMap<>(map));
  }

  /**
   * What was scanned.
   *
   * @param sources files/folders as given, {@code -}, or cluster contexts
   * @param counts objects per kind that were analysed (Role, ClusterRole, ..., Deployment), inputs only (no defaults),
   *     in the order given
   * @param skippedKinds kinds read but not analysed, sorted by kind
   */
  public record Inputs(List<String> sources, Map<String, Integer> counts, Map<String, Integer> skippedKinds) {
    public Inputs {
      sources = List.copyOf(sources);
      counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
      skippedKinds = sorted(skippedKinds);
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

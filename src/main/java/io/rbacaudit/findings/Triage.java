package io.rbacaudit.findings;

import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.WorkloadKind;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns the rule engine's findings into the finished {@link ScanResult}: fingerprints, the exclude preset (skipped
 * findings counted per rule), suppressions (first unexpired match wins; expired and unused ones noted), the
 * baseline, the gate, sorting and counts. Renderers compute nothing, so everything they show is decided here.
 *
 * <p>Precedence for one finding: skipped by the preset, else SUPPRESSED, else BASELINE, else OPEN.
 */
public final class Triage {

  /** Severity (most severe first), rule id, subject, scope (cluster-wide first), key, fingerprint. */
  static final Comparator<ReportedFinding> ORDER = Comparator
      .comparing((ReportedFinding r) -> r.finding().severity())
      .thenComparing(r -> r.finding().ruleId())
      .thenComparing(r -> r.finding().subject())
      .thenComparing(r -> r.finding().namespace(), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.finding().key())
      .thenComparing(ReportedFinding::fingerprint);

  private final DefaultPolicy defaults;
  private final Clock clock;
  private final String toolName;
  private final String toolVersion;

  /**
   * @param defaults recognises unchanged Kubernetes defaults ({@code ScanContext.defaultPolicy()})
   * @param clock gives the report time and "today" for suppression expiry
   */
  public Triage(DefaultPolicy defaults, Clock clock, String toolName, String toolVersion) {
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.toolName = Objects.requireNonNull(toolName, "toolName");
    this.toolVersion = Objects.requireNonNull(toolVersion, "toolVersion");
  }

  /**
   * @param findings everything the rule engine found (both phases)
   * @param rules the rules that ran
   * @param inventory what the rules ran on, with the Kubernetes defaults that were applied (inputs are counted
   *     without the built-in ones)
   */
  public ScanResult assess(List<Finding> findings, List<RuleSpec> rules, Inventory inventory, TriageSettings settings) {
    PresetFilter preset = new PresetFilter(defaults, inventory);
    SuppressionMatcher suppressions = new SuppressionMatcher(settings.suppressions(), LocalDate.now(clock));
    Map<String, Integer> excluded = new TreeMap<>();
    List<ReportedFinding> reported = new ArrayList<>(findings.size());
    Set<String> inBaseline = new HashSet<>();
    for (Finding f : findings) {
      if (settings.preset() == ExcludePreset.STANDARD && preset.excludes(f)) {
        excluded.merge(f.ruleId(), 1, Integer::sum);
        suppressions.touch(f);
        continue;
      }
      String fingerprint = Fingerprint.of(f);
      Suppression suppression = suppressions.match(f);
      boolean known = settings.baseline().contains(fingerprint);
      if (known) {
        inBaseline.add(fingerprint);
      }
      Status status = suppression != null ? Status.SUPPRESSED : known ? Status.BASELINE : Status.OPEN;
      reported.add(new ReportedFinding(f, fingerprint, status, suppression));
    }
    reported.sort(ORDER);
    List<String> notes = new ArrayList<>(suppressions.notes());
    if (!settings.baseline().isNone()) {
      notes.add(baselineNote(settings.baseline(), inBaseline.size()));
    }
    return new ScanResult(toolName, toolVersion, clock.instant(), inputs(inventory), reported, summary(reported),
        statusCounts(reported), inventory.problems(), gate(reported, settings.failOn()), rules, excluded, notes);
  }

  static ScanResult.Gate gate(List<ReportedFinding> reported, FailOn failOn) {
    int failing = (int) reported.stream()
        .filter(r -> r.status() == Status.OPEN && failOn.fails(r.finding().severity()))
        .count();
    return new ScanResult.Gate(failOn.threshold(), failing);
  }

  private static Map<Severity, Integer> summary(List<ReportedFinding> reported) {
    Map<Severity, Integer> summary = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      summary.put(s, 0);
    }
    for (ReportedFinding r : reported) {
      if (r.status() == Status.OPEN) {
        summary.merge(r.finding().severity(), 1, Integer::sum);
      }
    }
    return summary;
  }

  private static Map<Status, Integer> statusCounts(List<ReportedFinding> reported) {
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0);
    }
    for (ReportedFinding r : reported) {
      counts.merge(r.status(), 1, Integer::sum);
    }
    return counts;
  }

  private static String baselineNote(Baseline baseline, int present) {
    int resolved = baseline.fingerprints().size() - present;
    return "baseline " + baseline.source() + ": " + baseline.fingerprints().size() + " finding"
        + (baseline.fingerprints().size() == 1 ? "" : "s") + ", " + present + " still present (not failing the gate), "
        + resolved + " resolved since";
  }

  /** Objects per analysed kind, every kind present (0 when none), built-in defaults left out. */
  static ScanResult.Inputs inputs(Inventory inventory) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (RoleKind k : RoleKind.values()) {
      counts.put(k.kubeName(), (int) inventory.roles().stream().filter(r -> !r.builtIn() && r.kind() == k).count());
    }
    for (BindingKind k : BindingKind.values()) {
      counts.put(k.kubeName(), (int) inventory.bindings().stream().filter(b -> !b.builtIn() && b.kind() == k).count());
    }
    counts.put("ServiceAccount", inventory.serviceAccounts().size());
    counts.put("Secret", inventory.secrets().size());
    counts.put("Namespace", inventory.namespaces().size());
    for (WorkloadKind k : WorkloadKind.values()) {
      counts.put(k.kubeName(), (int) inventory.workloads().stream().filter(w -> w.kind() == k).count());
    }
    return new ScanResult.Inputs(inventory.sources(), counts, inventory.skippedKinds());
  }
}

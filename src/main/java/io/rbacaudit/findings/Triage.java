package io.rbacaudit.findings;

import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.WorkloadKind;
import io.rbacaudit.rbac.SubjectAccess;
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

  /** Severity (most severe first), rule id, subject, scope (cluster-wide first), key, cluster, fingerprint. */
  static final Comparator<ReportedFinding> ORDER = Comparator
      .comparing((ReportedFinding r) -> r.finding().severity())
      .thenComparing(r -> r.finding().ruleId())
      .thenComparing(r -> r.finding().subject())
      .thenComparing(r -> r.finding().namespace(), Comparator.nullsFirst(Comparator.<String>naturalOrder()))
      .thenComparing(r -> r.finding().key())
      .thenComparing(ReportedFinding::cluster, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
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
    Assessment a = new Assessment(settings);
    List<ReportedFinding> reported = a.add(findings, inventory, null, false);
    return a.result(reported, rules, inputs(inventory), inventory.problems(), List.of());
  }

  /**
   * One cluster context of a cluster scan: what its rules found, or why it could not be read.
   *
   * @param inventory what was read from it (empty when it failed)
   * @param unreadable lists that were forbidden or not served
   * @param failure one line naming the context and what went wrong, when it could not be read at all; else null
   */
  public record ClusterPart(String context, List<Finding> findings, Inventory inventory, List<String> unreadable,
      String failure) {
    public ClusterPart {
      Objects.requireNonNull(context, "context");
      findings = List.copyOf(findings);
      Objects.requireNonNull(inventory, "inventory");
      unreadable = List.copyOf(unreadable);
    }
  }

  /**
   * A cluster scan: each context was analysed on its own; here every finding gets its context, suppressions and the
   * baseline apply across all of them, and one gate covers them all. A context that could not be read is a located
   * warning and a FAILED section, never a silent gap.
   *
   * @param keyed true for a multi-context run: each fingerprint includes its context ({@link Fingerprint})
   */
  public ScanResult assessClusters(List<ClusterPart> parts, List<RuleSpec> rules, TriageSettings settings,
      boolean keyed) {
    Assessment a = new Assessment(settings);
    List<ReportedFinding> all = new ArrayList<>();
    List<ClusterOutcome> outcomes = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, Integer> skipped = new TreeMap<>();
    for (ClusterPart part : parts) {
      List<ReportedFinding> reported = a.add(part.findings(), part.inventory(), part.context(), keyed);
      all.addAll(reported);
      ScanResult.Inputs in = inputs(part.inventory());
      in.counts().forEach((k, v) -> counts.merge(k, v, Integer::sum));
      in.skippedKinds().forEach((k, v) -> skipped.merge(k, v, Integer::sum));
      sources.add(part.context());
      problems.addAll(part.inventory().problems());
      if (part.failure() != null) {
        problems.add(Problem.warning(
            Location.cluster(part.context(), null), part.failure()));
      }
      outcomes.add(new ClusterOutcome(part.context(), part.failure(), part.unreadable(), in.counts(),
          summary(reported), reported.size()));
    }
    return a.result(all, rules, new ScanResult.Inputs(sources, counts, skipped), problems, outcomes);
  }

  /** The state one triage carries across its parts: suppressions used, baseline entries seen, preset skips. */
  private final class Assessment {
    private final TriageSettings settings;
    private final SuppressionMatcher suppressions;
    private final Map<String, Integer> excluded = new TreeMap<>();
    private final Set<String> inBaseline = new HashSet<>();

    Assessment(TriageSettings settings) {
      this.settings = settings;
      this.suppressions = new SuppressionMatcher(settings.suppressions(), LocalDate.now(clock));
    }

    List<ReportedFinding> add(List<Finding> findings, Inventory inventory, String cluster, boolean keyed) {
      PresetFilter preset = new PresetFilter(defaults, inventory);
      List<ReportedFinding> reported = new ArrayList<>(findings.size());
      // A SHA-256 per finding (65,000 on the L benchmark): on all cores, in order.
      List<String> fingerprints = findings.parallelStream().map(f -> Fingerprint.of(f, keyed ? cluster : null)).toList();
      int next = 0;
      for (Finding f : findings) {
        String fingerprint = fingerprints.get(next++);
        if (settings.preset() == ExcludePreset.STANDARD && preset.excludes(f)) {
          excluded.merge(f.ruleId(), 1, Integer::sum);
          suppressions.touch(f);
          continue;
        }
        Suppression suppression = suppressions.match(f);
        boolean known = settings.baseline().contains(fingerprint);
        if (known) {
          inBaseline.add(fingerprint);
        }
        Status status = suppression != null ? Status.SUPPRESSED : known ? Status.BASELINE : Status.OPEN;
        reported.add(new ReportedFinding(f, fingerprint, status, suppression, cluster));
      }
      return reported;
    }

    ScanResult result(List<ReportedFinding> reported, List<RuleSpec> rules, ScanResult.Inputs inputs,
        List<Problem> problems, List<ClusterOutcome> clusters) {
      List<ReportedFinding> sorted = new ArrayList<>(reported);
      sorted.sort(ORDER);
      List<String> notes = new ArrayList<>(suppressions.notes());
      if (!settings.baseline().isNone()) {
        notes.add(baselineNote(settings.baseline(), inBaseline.size()));
      }
      return new ScanResult(toolName, toolVersion, clock.instant(), inputs, sorted, summary(sorted),
          statusCounts(sorted), problems, gate(sorted, settings.failOn()), rules, excluded, notes, clusters, null,
          SubjectAccess.NONE);
    }
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

package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.report.HtmlView.Count;
import io.rbacaudit.report.HtmlView.FindingRow;
import io.rbacaudit.report.HtmlView.GateView;
import io.rbacaudit.report.HtmlView.ProblemRow;
import io.rbacaudit.report.HtmlView.RuleRow;
import io.rbacaudit.report.HtmlView.SubjectRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Builds the {@link HtmlView} from a finished scan: every count and list the page shows is computed here. */
final class HtmlViewAssembler {

  static final int RISKIEST = 10;
  /** Static rows in the ServiceAccount section; the rest are one filter away in the findings table. */
  static final int SERVICE_ACCOUNT_ROWS = 100;

  // Bidi controls reorder the text around them: shown as their code point so a name cannot disguise itself.
  private static final Pattern BIDI = Pattern.compile("[\\u202a-\\u202e\\u2066-\\u2069\\u200e\\u200f\\u061c]");

  private HtmlViewAssembler() {}

  static HtmlView of(ScanResult r) {
    List<Problem> problems = Wording.sortedProblems(r);
    return new HtmlView(
        r.toolName(),
        r.toolVersion(),
        r.generatedAt() == null ? "" : r.generatedAt().toString(),
        r.inputs().sources().stream().map(HtmlViewAssembler::visible).toList(),
        counts(r.inputs().counts()),
        r.inputs().counts().values().stream().mapToInt(Integer::intValue).sum(),
        counts(r.inputs().skippedKinds()),
        problems.stream().filter(Problem::isError).map(HtmlViewAssembler::problem).toList(),
        problems.stream().filter(p -> !p.isError()).map(HtmlViewAssembler::problem).toList(),
        r.notes().stream().map(HtmlViewAssembler::visible).toList(),
        counts(r.excludedByPreset()),
        Wording.excluded(r),
        new GateView(r.gate().failOn() == null ? "never" : r.gate().failOn().id(), r.gate().failed(),
            r.gate().failing(), Wording.gate(r.gate())),
        severities(r),
        Wording.count(r, Status.OPEN),
        Wording.count(r, Status.SUPPRESSED),
        Wording.count(r, Status.BASELINE),
        riskiest(r.findings()),
        serviceAccountRows(r.findings()),
        (int) r.findings().stream().filter(rf -> isServiceAccountRule(rf.finding().ruleId())).count(),
        r.rules().stream().sorted(Comparator.comparing(RuleSpec::id)).map(HtmlViewAssembler::rule).toList(),
        r.access().subjects().size(),
        HtmlData.json(r));
  }

  /** The default-ServiceAccount and token family, RBAC-601 to RBAC-610. */
  static boolean isServiceAccountRule(String id) {
    if (!id.startsWith("RBAC-6") || id.length() != 8) {
      return false;
    }
    try {
      int n = Integer.parseInt(id.substring(5));
      return n >= 601 && n <= 610;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  static String visible(String s) {
    return s == null ? null : BIDI.matcher(s).replaceAll(m -> String.format("<U+%04X>", (int) m.group().charAt(0)));
  }

  /** Sorted by name, as in the JSON report: the inputs' own order may differ from run to run. */
  private static List<Count> counts(Map<String, Integer> m) {
    return new TreeMap<>(m).entrySet().stream().map(e -> new Count(visible(e.getKey()), e.getValue())).toList();
  }

  private static ProblemRow problem(Problem p) {
    return new ProblemRow(visible(p.location().toString()), visible(p.message()));
  }

  private static List<Count> severities(ScanResult r) {
    List<Count> out = new ArrayList<>();
    for (Severity s : Severity.values()) {
      out.add(new Count(s.id(), Wording.count(r, s)));
    }
    return out;
  }

  /** Subjects by their worst open (or baseline) finding, then by how many they have; suppressed ones are waived. */
  private static List<SubjectRow> riskiest(List<ReportedFinding> findings) {
    Map<ObjectRef, List<Finding>> bySubject = new LinkedHashMap<>();
    for (ReportedFinding rf : findings) {
      if (rf.status() != Status.SUPPRESSED) {
        bySubject.computeIfAbsent(rf.finding().subject(), k -> new ArrayList<>()).add(rf.finding());
      }
    }
    // Each subject's worst once, not at every comparison of the sort.
    List<Risk> risks = new ArrayList<>();
    bySubject.forEach((subject, fs) -> risks.add(new Risk(subject, worst(fs), fs)));
    risks.sort(Comparator.comparing(Risk::worst)
        .thenComparingInt(r -> -r.findings().size())
        .thenComparing(Risk::subject));
    return risks.stream().limit(RISKIEST).map(r -> {
      ObjectRef s = r.subject();
      TreeSet<String> rules = new TreeSet<>();
      r.findings().forEach(f -> rules.add(f.ruleId()));
      return new SubjectRow(s.kind(), visible(s.name()), visible(s.namespace()), r.worst().id(),
          r.findings().size(), visible(String.join(", ", rules)));
    }).toList();
  }

  private record Risk(ObjectRef subject, Severity worst, List<Finding> findings) {}

  private static Severity worst(List<Finding> fs) {
    return fs.stream().map(Finding::severity).min(Comparator.naturalOrder()).orElse(Severity.INFO);
  }

  private static List<FindingRow> serviceAccountRows(List<ReportedFinding> findings) {
    List<FindingRow> rows = new ArrayList<>();
    for (int i = 0; i < findings.size() && rows.size() < SERVICE_ACCOUNT_ROWS; i++) {
      ReportedFinding rf = findings.get(i);
      Finding f = rf.finding();
      if (isServiceAccountRule(f.ruleId())) {
        rows.add(new FindingRow(i, f.severity().id(), f.ruleId(), visible(Wording.subject(f.subject())),
            visible(f.namespace()), visible(f.message()), rf.status().name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return rows;
  }

  private static RuleRow rule(RuleSpec r) {
    return new RuleRow(r.id(), visible(r.title()), r.severity().id(), visible(r.category()), visible(r.description()));
  }
}

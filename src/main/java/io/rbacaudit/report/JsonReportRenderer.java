package io.rbacaudit.report;

import io.rbacaudit.findings.ClusterOutcome;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanHistory;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.report.JsonShapes.GrantJson;
import io.rbacaudit.report.JsonShapes.LocationJson;
import io.rbacaudit.report.JsonShapes.ProblemJson;
import io.rbacaudit.report.JsonShapes.RefJson;
import io.rbacaudit.report.ScanJsonShapes.ClusterJson;
import io.rbacaudit.report.ScanJsonShapes.EvidenceJson;
import io.rbacaudit.report.ScanJsonShapes.HistoryJson;
import io.rbacaudit.report.ScanJsonShapes.FindingJson;
import io.rbacaudit.report.ScanJsonShapes.GateJson;
import io.rbacaudit.report.ScanJsonShapes.GrantEvidenceJson;
import io.rbacaudit.report.ScanJsonShapes.HopJson;
import io.rbacaudit.report.ScanJsonShapes.InputsJson;
import io.rbacaudit.report.ScanJsonShapes.ObjectEvidenceJson;
import io.rbacaudit.report.ScanJsonShapes.RuleJson;
import io.rbacaudit.report.ScanJsonShapes.ScanJson;
import io.rbacaudit.report.ScanJsonShapes.StatusCountsJson;
import io.rbacaudit.report.ScanJsonShapes.SummaryJson;
import io.rbacaudit.report.ScanJsonShapes.SuppressionJson;
import io.rbacaudit.report.ScanJsonShapes.ToolJson;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The lossless scan JSON (DESIGN.md section 5): findings in the result's order, maps sorted by key. */
public final class JsonReportRenderer implements ReportRenderer {

  @Override
  public String render(ScanResult r) {
    return JsonWriter.write(shape(r));
  }

  @Override
  public void write(ScanResult r, Writer out) throws IOException {
    JsonWriter.stream(shape(r), out);
  }

  /** The JSON document as records (the HTML report and tests may reuse it). */
  public static ScanJson shape(ScanResult r) {
    List<Problem> problems = Wording.sortedProblems(r);
    return new ScanJson(
        new ToolJson(r.toolName(), r.toolVersion()),
        r.generatedAt() == null ? null : r.generatedAt().toString(),
        new InputsJson(r.inputs().sources(), sorted(r.inputs().counts()), sorted(r.inputs().skippedKinds())),
        new SummaryJson(
            Wording.count(r, Severity.CRITICAL),
            Wording.count(r, Severity.HIGH),
            Wording.count(r, Severity.MEDIUM),
            Wording.count(r, Severity.LOW),
            Wording.count(r, Severity.INFO)),
        new GateJson(r.gate().failOn() == null ? "never" : r.gate().failOn().id(), r.gate().failed(), r.gate().failing()),
        LazyList.of(r.findings(), JsonReportRenderer::finding),
        problems.stream().filter(Problem::isError).map(ProblemJson::of).toList(),
        problems.stream().filter(p -> !p.isError()).map(ProblemJson::of).toList(),
        r.notes(),
        sorted(r.excludedByPreset()),
        new StatusCountsJson(
            Wording.count(r, Status.OPEN), Wording.count(r, Status.SUPPRESSED), Wording.count(r, Status.BASELINE)),
        r.rules().stream().sorted(Comparator.comparing(RuleSpec::id)).map(JsonReportRenderer::rule).toList(),
        r.clusters().stream().map(JsonReportRenderer::cluster).toList(),
        history(r.history()));
  }

  private static ClusterJson cluster(ClusterOutcome c) {
    Map<Severity, Integer> o = c.open();
    return new ClusterJson(c.context(), c.coverage().id(), c.failure(), c.unreadable(), sorted(c.counts()),
        new SummaryJson(o.get(Severity.CRITICAL), o.get(Severity.HIGH), o.get(Severity.MEDIUM), o.get(Severity.LOW),
            o.get(Severity.INFO)), c.findings());
  }

  private static HistoryJson history(ScanHistory h) {
    return h == null ? null : new HistoryJson(h.folder(), h.previous(), h.saved(),
        DiffRenderer.DiffFindingJson.all(h.added()), DiffRenderer.DiffFindingJson.all(h.resolved()), h.unchanged(),
        h.kept());
  }

  static FindingJson finding(ReportedFinding rf) {
    Finding f = rf.finding();
    RuleSpec rule = f.rule();
    return new FindingJson(
        rf.fingerprint(),
        rule.id(),
        f.severity().id(),
        rule.category(),
        rule.title(),
        f.message(),
        RefJson.of(f.subject()),
        f.namespace(),
        f.evidence().stream().map(JsonReportRenderer::evidence).toList(),
        rule.remediation(),
        rule.references(),
        rf.status() == Status.SUPPRESSED,
        rf.status().name().toLowerCase(java.util.Locale.ROOT),
        rf.status() == Status.BASELINE,
        suppression(rf.suppression()),
        f.latent(),
        f.defaultPolicy(),
        location(f.location()),
        f.relatedLocations().stream().map(JsonReportRenderer::location).toList(),
        f.workloads().stream().map(RefJson::of).toList(),
        rf.cluster(),
        f.path().stream().map(JsonReportRenderer::hop).toList());
  }

  private static HopJson hop(PathHop h) {
    return new HopJson(vertex(h.from()), vertex(h.to()), h.edge(), h.hop(), location(h.location()));
  }

  private static PathShapes.VertexJson vertex(PathHop.Point p) {
    return new PathShapes.VertexJson(p.type(), p.name(), p.namespace());
  }

  private static EvidenceJson evidence(Evidence e) {
    if (e instanceof GrantEvidence g) {
      return new GrantEvidenceJson(GrantJson.of(g.grant()));
    }
    ObjectEvidence o = (ObjectEvidence) e;
    return new ObjectEvidenceJson(RefJson.of(o.object()), location(o.location()), o.note());
  }

  private static SuppressionJson suppression(Suppression s) {
    if (s == null) {
      return null;
    }
    return new SuppressionJson(s.reason(), s.expires() == null ? null : s.expires().toString(), location(s.location()));
  }

  private static RuleJson rule(RuleSpec r) {
    return new RuleJson(r.id(), r.name(), r.title(), r.severity().id(), r.category());
  }

  private static LocationJson location(Location l) {
    return l == null ? null : LocationJson.of(l);
  }

  private static <V> Map<String, V> sorted(Map<String, V> m) {
    return new TreeMap<>(m);
  }
}

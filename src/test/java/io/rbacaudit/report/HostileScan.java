package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.AccessMatrix;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rbac.SubjectAccess;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A scan whose names, messages, paths and reasons carry markup, escape sequences and characters XML forbids. */
final class HostileScan {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String LINK = "](javascript:alert(1))";
  static final String ESC = "\u001b[31m";
  static final String BIDI = "\u202e";
  static final String XML_ILLEGAL = "\u0001";

  /** Every hostile piece in one string; names from manifests can hold any of them. */
  static final String NASTY = "x" + SCRIPT + IMG + LINK + "|pipe|`tick` ``two`` " + ESC + "red" + BIDI + "gnp.exe"
      + XML_ILLEGAL + "end http://evil.example/x www.evil.example @org/team #12 ![i](http://evil.example/i.png) **b**";

  private HostileScan() {}

  static ScanResult result() {
    RuleSpec rule = new RuleSpec("RBAC-900", "name-" + NASTY, "Title " + NASTY, Severity.HIGH, null, "credentials",
        "Description " + NASTY, "Remediation " + NASTY, List.of(NASTY, "https://example.com/a_(b)"), "permission",
        Map.of(), "rules/x/rule.yaml");
    Location file = Location.file("deploy/" + NASTY + ".yaml", 4);
    RoleId role = new RoleId(RoleKind.ROLE, NASTY, NASTY, false);
    ObjectRef subject = new ObjectRef("ServiceAccount", NASTY, NASTY);
    Finding open = new Finding(rule, Severity.HIGH, "Message " + NASTY, subject, NASTY, "k1", file, List.of(file),
        List.of(new GrantEvidence(SampleScan.grant(new ObjectRef("RoleBinding", NASTY, NASTY), role, 0, file)),
            new ObjectEvidence(new ObjectRef("ServiceAccount", NASTY, NASTY), file, "note " + NASTY)),
        List.of(new ObjectRef("Deployment", NASTY, NASTY)), false, false);
    Finding low = new Finding(rule, Severity.LOW, "Low " + NASTY, subject, null, "k2", file, List.of(), List.of(),
        List.of(), true, false);
    Finding suppressed = new Finding(rule, Severity.HIGH, "Suppressed " + NASTY, subject, NASTY, "k3", file, List.of(),
        List.of(), List.of(), false, false);
    Suppression s = new Suppression("RBAC-900", null, null, NASTY, null, "Reason " + NASTY, LocalDate.parse("2027-01-01"),
        Location.file(NASTY, 2));
    List<ReportedFinding> findings = List.of(
        new ReportedFinding(open, "fp-" + NASTY, Status.OPEN, null),
        new ReportedFinding(low, "fp2", Status.OPEN, null),
        new ReportedFinding(suppressed, "fp3", Status.SUPPRESSED, s));
    List<Problem> problems = List.of(
        Problem.error(Location.file("bad/" + NASTY + ".yaml", 1, 2), "Error " + NASTY),
        Problem.warning(Location.file("warn/" + NASTY + ".yaml", 3), "Warning " + NASTY));
    return SampleScan.assemble(findings, problems, Severity.HIGH, List.of("Note " + NASTY), Map.of(NASTY, 2));
  }

  /**
   * The same, plus an escalation path and a subject view whose every name is hostile: vertices, edge kind, role,
   * binding, group, matrix rows, verbs and resourceNames.
   */
  static ScanResult withPathAndAccess() {
    ScanResult base = result();
    Location file = Location.file("deploy/" + NASTY + ".yaml", 9);
    PathHop.Point from = new PathHop.Point("ServiceAccount", NASTY, NASTY, "ServiceAccount " + NASTY);
    PathHop.Point via = new PathHop.Point("Group", NASTY, null, "Group " + NASTY);
    PathHop.Point admin = new PathHop.Point("Target", "cluster-admin", null, "cluster-admin equivalence");
    RuleSpec escalation = SampleScan.ESCALATION;
    Finding path = new Finding(escalation, Severity.LOW, "Path " + NASTY, new ObjectRef("ServiceAccount", NASTY, NASTY),
        null, "cluster-admin", file, List.of(), List.of(), List.of(), false, false,
        List.of(new PathHop(from, via, "edge-" + NASTY, true, file), new PathHop(via, admin, "equivalent", false, null)));
    List<ReportedFinding> findings = new java.util.ArrayList<>(base.findings());
    findings.add(new ReportedFinding(path, "fp-path", Status.OPEN, null));
    RoleId role = new RoleId(RoleKind.ROLE, NASTY, NASTY, false);
    SubjectAccess access = new SubjectAccess(
        List.of(new SubjectAccess.Profile(role, true, List.of(
            new AccessMatrix.Cell(NASTY, NASTY, false, List.of(NASTY), file),
            new AccessMatrix.Cell("secrets", "get", false, List.of(), file)))),
        List.of(new SubjectAccess.Entry(Subject.serviceAccount(NASTY, NASTY), List.of(
            new SubjectAccess.Holding(new ObjectRef("RoleBinding", NASTY, NASTY), false, 0, NASTY,
                Subject.group(NASTY))))));
    return SampleScan.assemble(findings, base.problems(), Severity.HIGH, base.notes(), base.excludedByPreset())
        .withAccess(access);
  }
}

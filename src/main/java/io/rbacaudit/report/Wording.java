package io.rbacaudit.report;

import io.rbacaudit.findings.ClusterOutcome;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanHistory;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.ScanResult.Gate;
import io.rbacaudit.findings.Status;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Evidence.GrantEvidence;
import io.rbacaudit.rules.Evidence.ObjectEvidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentences the human-readable formats share (text, markdown, JUnit). Everything returned is raw: it may hold
 * text from manifests, and each renderer escapes it for its own format.
 */
final class Wording {

  private Wording() {}

  /** {@code ServiceAccount shop/reader}, {@code ClusterRole role-writer}. */
  static String subject(ObjectRef r) {
    return r.kind() + " " + (r.namespace() == null ? "" : r.namespace() + "/") + r.name();
  }

  /** {@code namespace shop} or {@code cluster-wide}. */
  static String scope(Finding f) {
    return f.namespace() == null ? "cluster-wide" : "namespace " + f.namespace();
  }

  static String location(Location l) {
    return l == null ? "" : l.toString();
  }

  /** {@code RoleBinding/shop/x -> Role/shop/y, rule #1 at deploy/rbac.yaml:9}, as can-i prints a grant. */
  static String grant(Grant g) {
    StringBuilder sb = new StringBuilder(g.binding().toString());
    if (g.bindingBuiltIn()) {
      sb.append(" (built-in)");
    }
    sb.append(" -> ").append(g.role()).append(", rule #").append(g.ruleIndex());
    if (g.aggregated()) {
      sb.append(" of aggregated ").append(g.rule().source());
    }
    return sb.append(" at ").append(g.location()).toString();
  }

  /** A grant as above, or {@code ServiceAccount/shop/default at deploy/sa.yaml:1 (note)}. */
  static String evidence(Evidence e) {
    if (e instanceof GrantEvidence g) {
      return grant(g.grant());
    }
    ObjectEvidence o = (ObjectEvidence) e;
    StringBuilder sb = new StringBuilder(o.object().toString());
    if (o.location() != null) {
      sb.append(" at ").append(o.location());
    }
    if (o.note() != null && !o.note().isBlank()) {
      sb.append(" (").append(oneLine(o.note())).append(')');
    }
    return sb.toString();
  }

  /** Line breaks and runs of white space become one space: remediation and notes shown on one line. */
  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s+", " ");
  }

  static int count(ScanResult r, Severity s) {
    return r.summary().getOrDefault(s, 0);
  }

  static int count(ScanResult r, Status s) {
    return r.statusCounts().getOrDefault(s, 0);
  }

  static int open(ScanResult r) {
    int n = 0;
    for (Severity s : Severity.values()) {
      n += count(r, s);
    }
    return n;
  }

  static int excluded(ScanResult r) {
    return r.excludedByPreset().values().stream().mapToInt(Integer::intValue).sum();
  }

  /** {@code 6 findings: 1 critical, 2 high, ... (1 suppressed, 1 in baseline, 40 skipped by the standard preset)}. */
  static String totals(ScanResult r) {
    List<String> perSeverity = new ArrayList<>();
    for (Severity s : Severity.values()) {
      perSeverity.add(count(r, s) + " " + s.id());
    }
    StringBuilder sb = new StringBuilder(plural(open(r), "finding")).append(": ").append(String.join(", ", perSeverity));
    List<String> aside = new ArrayList<>();
    if (count(r, Status.SUPPRESSED) > 0) {
      aside.add(count(r, Status.SUPPRESSED) + " suppressed");
    }
    if (count(r, Status.BASELINE) > 0) {
      aside.add(count(r, Status.BASELINE) + " in baseline");
    }
    if (excluded(r) > 0) {
      aside.add(excluded(r) + " skipped by the standard preset");
    }
    if (!aside.isEmpty()) {
      sb.append(" (").append(String.join(", ", aside)).append(')');
    }
    return sb.toString();
  }

  /** {@code gate: FAILED at --fail-on high (3 findings)}, {@code gate: passed at ...}, {@code gate: off ...}. */
  static String gate(Gate g) {
    if (g.failOn() == null) {
      return "gate: off (--fail-on never)";
    }
    return g.failed()
        ? "gate: FAILED at --fail-on " + g.failOn().id() + " (" + plural(g.failing(), "finding") + ")"
        : "gate: passed at --fail-on " + g.failOn().id();
  }

  /** {@code 1 input error, 2 warnings}, or empty when the inputs were read cleanly. */
  static String problems(ScanResult r) {
    long errors = r.problems().stream().filter(Problem::isError).count();
    long warnings = r.problems().size() - errors;
    List<String> parts = new ArrayList<>();
    if (errors > 0) {
      parts.add(plural((int) errors, "input error"));
    }
    if (warnings > 0) {
      parts.add(plural((int) warnings, "warning"));
    }
    return String.join(", ", parts);
  }

  static List<Problem> sortedProblems(ScanResult r) {
    return r.problems().stream().sorted().toList();
  }

  static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /**
   * A cluster section's heading: {@code Cluster prod: complete, 3 open findings (1 critical, 2 high)}; a partial one
   * names what could not be listed, a failed one why. Not terminal-safe: callers escape for their format.
   */
  static String cluster(ClusterOutcome c) {
    String head = "Cluster " + c.context() + ": " + c.coverage().id();
    if (c.coverage() == ClusterOutcome.Coverage.FAILED) {
      return head + " (" + oneLine(c.failure()) + ")";
    }
    List<String> bySeverity = new ArrayList<>();
    for (Severity s : Severity.values()) {
      if (c.open().get(s) > 0) {
        bySeverity.add(c.open().get(s) + " " + s.id());
      }
    }
    String found = plural(c.openCount(), "open finding") + (bySeverity.isEmpty() ? "" : " (" + String.join(", ",
        bySeverity) + ")");
    return head + (c.unreadable().isEmpty() ? "" : " (cannot list " + String.join(", ", c.unreadable()) + ")")
        + ", " + found;
  }

  /** The findings of one cluster context, in the result's order. */
  static List<ReportedFinding> inCluster(ScanResult r, String context) {
    return r.findings().stream().filter(rf -> context.equals(rf.cluster())).toList();
  }

  /** {@code 2 new, 1 resolved, 10 unchanged since scan-....json}, or the first run's line. */
  static String history(ScanHistory h) {
    if (h.firstRun()) {
      return "first run kept in " + h.folder() + " as " + h.saved() + "; the next run is compared with it";
    }
    return h.added().size() + " new, " + h.resolved().size() + " resolved, " + h.unchanged() + " unchanged since "
        + h.previous() + " (this run kept as " + h.saved() + "; " + plural(h.kept(), "run") + " in " + h.folder()
        + ")";
  }
}

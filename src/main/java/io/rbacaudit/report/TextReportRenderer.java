package io.rbacaudit.report;

import static io.rbacaudit.report.TerminalText.safe;

import io.rbacaudit.findings.ClusterOutcome;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanHistory;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal report: open findings grouped by severity (most severe first), each with the chain of evidence that
 * explains it; then suppressed and baseline findings on one line each; then input problems, notes and a summary
 * line. Everything from manifests passes through {@link TerminalText#safe}; colour only when asked for.
 */
public final class TextReportRenderer implements ReportRenderer {

  /** Longer lists are cut, pointing at the JSON report that has them all. */
  static final int LIST_LIMIT = 10;

  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String DIM = "\u001b[2m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";

  private final boolean color;

  /** @param color ANSI colour: the command passes true only for a terminal with NO_COLOR unset */
  public TextReportRenderer(boolean color) {
    this.color = color;
  }

  @Override
  public String render(ScanResult r) {
    StringWriter out = new StringWriter();
    try {
      write(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  /** Streams the report: at 100,000 objects it is about 80 MB, which need not sit in memory as one text. */
  @Override
  public void write(ScanResult r, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    if (r.multiCluster()) {
      // RBAC never crosses clusters: each context's findings under its own heading.
      for (ClusterOutcome c : r.clusters()) {
        sb.append(paint(BOLD, "== " + safe(Wording.cluster(c)))).append("\n\n");
        findings(sb, Wording.inCluster(r, c.context()), out);
      }
    } else {
      findings(sb, r.findings(), out);
    }
    problems(sb, r);
    if (!r.notes().isEmpty()) {
      sb.append(paint(BOLD, "Notes")).append('\n');
      r.notes().forEach(n -> sb.append("  ").append(safe(Wording.oneLine(n))).append('\n'));
      sb.append('\n');
    }
    history(sb, r.history());
    sb.append(summary(r)).append('\n');
    out.append(sb);
  }

  private static void flushIfLarge(StringBuilder sb, Writer out) throws IOException {
    if (sb.length() >= 1 << 16) {
      out.append(sb);
      sb.setLength(0);
    }
  }

  private void findings(StringBuilder sb, List<ReportedFinding> findings, Writer out) throws IOException {
    for (Severity s : Severity.values()) {
      List<ReportedFinding> group = findings.stream()
          .filter(rf -> rf.status() == Status.OPEN && rf.finding().severity() == s)
          .toList();
      if (!group.isEmpty()) {
        sb.append(paint(BOLD, s.name() + " (" + Wording.plural(group.size(), "finding") + ")")).append("\n\n");
        for (ReportedFinding rf : group) {
          finding(sb, rf);
          flushIfLarge(sb, out);
        }
      }
    }
    List<ReportedFinding> known = findings.stream().filter(rf -> rf.status() != Status.OPEN).toList();
    if (!known.isEmpty()) {
      sb.append(paint(BOLD, "Suppressed and baseline (" + known.size() + ")")).append('\n');
      for (ReportedFinding rf : known) {
        sb.append("  ").append(paint(DIM, known(rf))).append('\n');
        flushIfLarge(sb, out);
      }
      sb.append('\n');
    }
  }

  private void history(StringBuilder sb, ScanHistory h) {
    if (h == null) {
      return;
    }
    sb.append(paint(BOLD, "Since the previous run")).append('\n');
    sb.append("  ").append(safe(Wording.history(h))).append('\n');
    h.added().forEach(f -> sb.append("  new:      ").append(safe(DiffRenderer.line(f))).append('\n'));
    h.resolved().forEach(f -> sb.append("  resolved: ").append(safe(DiffRenderer.line(f))).append('\n'));
    sb.append('\n');
  }

  private void finding(StringBuilder sb, ReportedFinding rf) {
    Finding f = rf.finding();
    sb.append(tag(f.severity())).append(' ').append(safe(f.ruleId())).append(' ').append(safe(f.rule().name()))
        .append(": ").append(safe(Wording.oneLine(f.rule().title()))).append('\n');
    String scope = Wording.scope(f) + (f.latent() ? "; latent: nothing binds this role yet" : "");
    field(sb, "subject", safe(Wording.subject(f.subject())) + " (" + safe(scope) + ")");
    field(sb, "message", safe(Wording.oneLine(f.message())));
    List<String> evidence = new ArrayList<>();
    for (Evidence e : f.evidence()) {
      evidence.add(safe(Wording.evidence(e)));
    }
    lines(sb, "evidence", evidence);
    List<String> workloads = new ArrayList<>();
    for (ObjectRef w : f.workloads()) {
      workloads.add(safe(w.toString()));
    }
    lines(sb, "runs as it", workloads);
    if (f.rule().remediation() != null) {
      field(sb, "fix", safe(Wording.oneLine(f.rule().remediation())));
    }
    if (f.location() != null) {
      field(sb, "location", safe(Wording.location(f.location())));
    }
    sb.append('\n');
  }

  private static void field(StringBuilder sb, String label, String value) {
    sb.append("  ").append(label).append(':').append(" ".repeat(Math.max(1, 12 - label.length()))).append(value)
        .append('\n');
  }

  /** The first item beside the label, the others aligned under it, cut at {@link #LIST_LIMIT}. */
  private static void lines(StringBuilder sb, String label, List<String> items) {
    for (int i = 0; i < items.size() && i < LIST_LIMIT; i++) {
      if (i == 0) {
        field(sb, label, items.get(i));
      } else {
        sb.append(" ".repeat(15)).append(items.get(i)).append('\n');
      }
    }
    if (items.size() > LIST_LIMIT) {
      sb.append(" ".repeat(15)).append("... and ").append(items.size() - LIST_LIMIT).append(" more (see -o json)\n");
    }
  }

  /** {@code [suppressed] high RBAC-201 ServiceAccount a/b (namespace a): reason (expires ..., at file:line)}. */
  private static String known(ReportedFinding rf) {
    Finding f = rf.finding();
    StringBuilder sb = new StringBuilder("[").append(rf.status() == Status.SUPPRESSED ? "suppressed" : "baseline")
        .append("] ").append(f.severity().id()).append(' ').append(safe(f.ruleId())).append(' ')
        .append(safe(Wording.subject(f.subject()))).append(" (").append(safe(Wording.scope(f))).append(')');
    Suppression s = rf.suppression();
    if (s != null) {
      sb.append(": ").append(safe(Wording.oneLine(s.reason())));
      List<String> facts = new ArrayList<>();
      if (s.expires() != null) {
        facts.add("expires " + s.expires());
      }
      if (s.location() != null) {
        facts.add("at " + safe(s.location().toString()));
      }
      if (!facts.isEmpty()) {
        sb.append(" (").append(String.join(", ", facts)).append(')');
      }
    }
    return sb.toString();
  }

  private void problems(StringBuilder sb, ScanResult r) {
    if (r.problems().isEmpty()) {
      return;
    }
    sb.append(paint(BOLD, "Input problems (" + Wording.problems(r) + ")")).append('\n');
    for (Problem p : Wording.sortedProblems(r)) {
      String line = safe(p.location().toString()) + ": " + (p.isError() ? paint(RED, "error") : "warning") + ": "
          + safe(Wording.oneLine(p.message()));
      sb.append("  ").append(line).append('\n');
    }
    sb.append('\n');
  }

  private String summary(ScanResult r) {
    String gate = Wording.gate(r.gate());
    if (r.gate().failOn() != null) {
      gate = paint(r.gate().failed() ? BOLD + RED : GREEN, gate);
    }
    String problems = Wording.problems(r);
    return Wording.totals(r) + (problems.isEmpty() ? "" : "; " + problems) + " \u2014 " + gate;
  }

  private String tag(Severity s) {
    String colour = switch (s) {
      case CRITICAL -> BOLD + RED;
      case HIGH -> RED;
      case MEDIUM -> "\u001b[33m";
      case LOW -> "\u001b[36m";
      case INFO -> DIM;
    };
    return paint(colour, "[" + s.id() + "]");
  }

  private String paint(String colour, String text) {
    return color ? colour + text + RESET : text;
  }
}

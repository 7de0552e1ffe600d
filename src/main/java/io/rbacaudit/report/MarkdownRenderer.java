package io.rbacaudit.report;

import static io.rbacaudit.report.MarkdownText.inline;

import io.rbacaudit.findings.ClusterOutcome;
import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanHistory;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;

/**
 * Markdown for a pull-request comment: the gate result as the heading, counts, a findings table (cut at
 * {@link #MAX_ROWS}), suppressed and baseline findings folded away, then input problems and notes. Everything from
 * manifests goes through {@link MarkdownText#inline}, so no link, image, HTML or table break can come from input.
 */
public final class MarkdownRenderer implements ReportRenderer {

  static final int MAX_ROWS = 50;

  @Override
  public String render(ScanResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append("## ").append(headline(r)).append("\n\n");
    sb.append(inline(Wording.totals(r))).append("\n\n");
    counts(sb, r);
    if (r.multiCluster()) {
      // RBAC never crosses clusters: one section per context.
      for (ClusterOutcome c : r.clusters()) {
        sb.append("### ").append(inline(Wording.cluster(c))).append("\n\n");
        findings(sb, Wording.inCluster(r, c.context()), "####");
      }
    } else {
      findings(sb, r.findings(), "###");
    }
    problems(sb, r);
    if (!r.notes().isEmpty()) {
      sb.append("### Notes\n\n");
      r.notes().forEach(n -> sb.append("- ").append(inline(n)).append('\n'));
      sb.append('\n');
    }
    history(sb, r.history());
    sb.append("<sub>").append(inline(r.toolName() + " " + r.toolVersion()));
    if (r.generatedAt() != null) {
      sb.append(", ").append(inline(r.generatedAt().toString()));
    }
    return sb.append("</sub>\n").toString();
  }

  private static void findings(StringBuilder sb, List<ReportedFinding> findings, String heading) {
    List<ReportedFinding> open = findings.stream().filter(rf -> rf.status() == Status.OPEN).toList();
    sb.append(heading).append(" Findings\n\n");
    if (open.isEmpty()) {
      sb.append("No open findings.\n\n");
    } else {
      table(sb, open, "| severity | rule | subject | scope | message | location |\n");
    }
    List<ReportedFinding> known = findings.stream().filter(rf -> rf.status() != Status.OPEN).toList();
    if (!known.isEmpty()) {
      sb.append("<details>\n<summary>").append(known.size()).append(" suppressed or baseline finding")
          .append(known.size() == 1 ? "" : "s").append("</summary>\n\n");
      table(sb, known, "| status | severity | rule | subject | scope | reason |\n");
      sb.append("</details>\n\n");
    }
  }

  private static void history(StringBuilder sb, ScanHistory h) {
    if (h == null) {
      return;
    }
    sb.append("### Since the previous run\n\n").append(inline(Wording.history(h))).append("\n\n");
    h.added().forEach(f -> sb.append("- new: ").append(inline(DiffRenderer.line(f))).append('\n'));
    h.resolved().forEach(f -> sb.append("- resolved: ").append(inline(DiffRenderer.line(f))).append('\n'));
    if (!h.added().isEmpty() || !h.resolved().isEmpty()) {
      sb.append('\n');
    }
  }

  private static String headline(ScanResult r) {
    String mark = r.gate().failOn() == null ? "" : r.gate().failed() ? "\u274c " : "\u2705 ";
    return mark + "rbac-audit: " + inline(Wording.gate(r.gate()));
  }

  private static void counts(StringBuilder sb, ScanResult r) {
    sb.append("| critical | high | medium | low | info | suppressed | baseline | skipped by preset |\n");
    sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n|");
    for (Severity s : Severity.values()) {
      sb.append(' ').append(Wording.count(r, s)).append(" |");
    }
    sb.append(' ').append(Wording.count(r, Status.SUPPRESSED)).append(" | ")
        .append(Wording.count(r, Status.BASELINE)).append(" | ")
        .append(Wording.excluded(r)).append(" |\n\n");
  }

  /** Open findings: location in the last column; suppressed and baseline ones: the status first, reason last. */
  private static void table(StringBuilder sb, List<ReportedFinding> rows, String header) {
    sb.append(header).append("| --- | --- | --- | --- | --- | --- |\n");
    for (ReportedFinding rf : rows.subList(0, Math.min(rows.size(), MAX_ROWS))) {
      Finding f = rf.finding();
      boolean open = rf.status() == Status.OPEN;
      String severity = f.severity().atLeast(Severity.HIGH) ? "**" + f.severity().id() + "**" : f.severity().id();
      String scope = Wording.scope(f) + (f.latent() ? ", latent" : "");
      sb.append("| ");
      if (!open) {
        sb.append(rf.status() == Status.SUPPRESSED ? "suppressed" : "baseline").append(" | ");
      }
      sb.append(severity).append(" | ")
          .append(inline(f.ruleId() + (f.rule().name() == null ? "" : " " + f.rule().name()))).append(" | ")
          .append(inline(Wording.subject(f.subject()))).append(" | ")
          .append(inline(scope)).append(" | ");
      if (open) {
        sb.append(inline(f.message())).append(" | ").append(inline(Wording.location(f.location())));
      } else {
        sb.append(rf.suppression() == null ? "in the baseline" : inline(reason(rf)));
      }
      sb.append(" |\n");
    }
    if (rows.size() > MAX_ROWS) {
      sb.append("\n_and ").append(rows.size() - MAX_ROWS).append(" more: the JSON, SARIF or HTML report lists them all._\n");
    }
    sb.append('\n');
  }

  private static String reason(ReportedFinding rf) {
    String reason = rf.suppression().reason();
    return rf.suppression().expires() == null ? reason : reason + " (expires " + rf.suppression().expires() + ")";
  }

  private static void problems(StringBuilder sb, ScanResult r) {
    if (r.problems().isEmpty()) {
      return;
    }
    sb.append("### Input problems (").append(inline(Wording.problems(r))).append(")\n\n");
    for (Problem p : Wording.sortedProblems(r)) {
      sb.append("- ").append(p.isError() ? "**error**" : "warning").append(' ')
          .append(inline(p.location().toString())).append(": ").append(inline(p.message())).append('\n');
    }
    sb.append('\n');
  }
}

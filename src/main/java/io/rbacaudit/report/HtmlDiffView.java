package io.rbacaudit.report;

import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.findings.ScanDiff;
import java.util.List;

/**
 * What {@code diff -o html} shows: new, resolved and unchanged findings between two JSON scan reports, each list in
 * its report's order.
 */
public record HtmlDiffView(String older, String newer, List<Row> added, List<Row> resolved, List<Row> unchanged) {

  public HtmlDiffView {
    added = List.copyOf(added);
    resolved = List.copyOf(resolved);
    unchanged = List.copyOf(unchanged);
  }

  /** One finding of the diff, with bidi controls shown as code points. */
  public record Row(String severity, String rule, String subject, String namespace, String title, String message,
      String fingerprint) {
    static Row of(DiffFinding f) {
      return new Row(f.severity().id(), HtmlViewAssembler.visible(f.rule()),
          HtmlViewAssembler.visible(Wording.subject(f.subject())), HtmlViewAssembler.visible(f.namespace()),
          HtmlViewAssembler.visible(f.title()), HtmlViewAssembler.visible(f.message()),
          HtmlViewAssembler.visible(f.fingerprint()));
    }
  }

  public static HtmlDiffView of(ScanDiff diff, String older, String newer) {
    return new HtmlDiffView(HtmlViewAssembler.visible(older), HtmlViewAssembler.visible(newer),
        diff.added().stream().map(Row::of).toList(), diff.resolved().stream().map(Row::of).toList(),
        diff.unchanged().stream().map(Row::of).toList());
  }
}

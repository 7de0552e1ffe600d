package io.rbacaudit.findings;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Severity;
import java.util.Objects;

/**
 * A finding as read back from a JSON scan report: what {@code diff} compares (by fingerprint) and shows.
 *
 * @param namespace the finding's scope, null when cluster-wide
 * @param cluster the cluster context of a cluster scan's finding, else null
 */
public record DiffFinding(String fingerprint, String rule, Severity severity, String title, ObjectRef subject,
    String namespace, String message, String cluster) {

  public DiffFinding(
      String fingerprint, String rule, Severity severity, String title, ObjectRef subject, String namespace,
      String message) {
    this(fingerprint, rule, severity, title, subject, namespace, message, null);
  }

  /** A finding of the current scan, as the next run will read it back from the JSON report. */
  public static DiffFinding of(ReportedFinding rf) {
    var f = rf.finding();
    return new DiffFinding(rf.fingerprint(), f.ruleId(), f.severity(), f.rule().title(), f.subject(), f.namespace(),
        f.message(), rf.cluster());
  }

  public DiffFinding {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
  }
}

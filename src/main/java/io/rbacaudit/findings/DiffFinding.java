package io.rbacaudit.findings;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Severity;
import java.util.Objects;

/**
 * A finding as read back from a JSON scan report: what {@code diff} compares (by fingerprint) and shows.
 *
 * @param namespace the finding's scope, null when cluster-wide
 */
public record DiffFinding(
    String fingerprint, String rule, Severity severity, String title, ObjectRef subject, String namespace, String message) {
  public DiffFinding {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(subject, "subject");
  }
}

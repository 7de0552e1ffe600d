package io.rbacaudit.findings;

import io.rbacaudit.rules.Finding;
import java.util.Objects;

/**
 * A finding as reports show it: with its stable fingerprint and what the gate made of it.
 *
 * @param suppression the suppression that matched (SUPPRESSED), else null
 */
public record ReportedFinding(Finding finding, String fingerprint, Status status, Suppression suppression) {
  public ReportedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    if ((status == Status.SUPPRESSED) != (suppression != null)) {
      throw new IllegalArgumentException("a suppressed finding names its suppression, and only then");
    }
  }
}

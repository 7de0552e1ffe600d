package io.rbacaudit.findings;

import io.rbacaudit.rules.Finding;
import java.util.Objects;

/**
 * A finding as reports show it: with its stable fingerprint and what the gate made of it.
 *
 * @param suppression the suppression that matched (SUPPRESSED), else null
 * @param cluster the cluster context the finding was found in (cluster mode), null for manifests
 */
public record ReportedFinding(Finding finding, String fingerprint, Status status, Suppression suppression,
    String cluster) {

  /** A finding from manifests: no cluster. */
  public ReportedFinding(Finding finding, String fingerprint, Status status, Suppression suppression) {
    this(finding, fingerprint, status, suppression, null);
  }

  public ReportedFinding {
    Objects.requireNonNull(finding, "finding");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(status, "status");
    if ((status == Status.SUPPRESSED) != (suppression != null)) {
      throw new IllegalArgumentException("a suppressed finding names its suppression, and only then");
    }
  }
}

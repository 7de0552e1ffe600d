package io.rbacaudit.findings;

/** What the gate makes of a finding. */
public enum Status {
  /** Counts toward the gate. */
  OPEN,
  /** Matched by an unexpired suppression (kept in reports, with the reason). */
  SUPPRESSED,
  /** Its fingerprint is in the baseline: known, does not fail the gate. */
  BASELINE
}

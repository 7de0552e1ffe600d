package io.rbacaudit.findings;

import io.rbacaudit.rules.Severity;
import java.util.Locale;

/**
 * The gate's threshold ({@code --fail-on}): open findings at or above it fail the scan; {@code never} fails nothing.
 * An enum so picocli parses the flag and lists its values.
 */
public enum FailOn {
  CRITICAL(Severity.CRITICAL),
  HIGH(Severity.HIGH),
  MEDIUM(Severity.MEDIUM),
  LOW(Severity.LOW),
  INFO(Severity.INFO),
  NEVER(null);

  private final Severity threshold;

  FailOn(Severity threshold) {
    this.threshold = threshold;
  }

  /** The lowest severity that fails, or null for {@code never}. */
  public Severity threshold() {
    return threshold;
  }

  /** Whether an open finding of this severity fails the gate. */
  public boolean fails(Severity severity) {
    return threshold != null && severity.atLeast(threshold);
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

package io.rbacaudit.findings;

import java.util.List;
import java.util.Objects;

/**
 * What the user decided about findings, from the config file and flags (flags win; the scan command merges).
 *
 * @param suppressions the config file's, then the {@code --suppressions} file's, in that order
 */
public record TriageSettings(List<Suppression> suppressions, Baseline baseline, ExcludePreset preset, FailOn failOn) {

  public TriageSettings {
    suppressions = List.copyOf(suppressions);
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(preset, "preset");
    Objects.requireNonNull(failOn, "failOn");
  }

  /** No suppressions, no baseline, the standard preset, failing on high: a scan without settings. */
  public static TriageSettings defaults() {
    return new TriageSettings(List.of(), Baseline.NONE, ExcludePreset.STANDARD, FailOn.HIGH);
  }
}

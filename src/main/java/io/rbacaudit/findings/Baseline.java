package io.rbacaudit.findings;

import java.util.Set;

/**
 * The fingerprints of an earlier scan ({@code --baseline old.json}): findings among them are known, are marked
 * BASELINE and do not fail the gate, so only new findings do.
 *
 * @param source the file as given, for notes
 */
public record Baseline(String source, Set<String> fingerprints) {

  public static final Baseline NONE = new Baseline(null, Set.of());

  public Baseline {
    fingerprints = Set.copyOf(fingerprints);
    if (source == null && !fingerprints.isEmpty()) {
      throw new IllegalArgumentException("a baseline with fingerprints names its file");
    }
  }

  public boolean isNone() {
    return source == null;
  }

  public boolean contains(String fingerprint) {
    return fingerprints.contains(fingerprint);
  }
}

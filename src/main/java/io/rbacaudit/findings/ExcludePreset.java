package io.rbacaudit.findings;

import java.util.Locale;
import java.util.Optional;

/**
 * Noise control (DESIGN.md section 6): {@code standard} skips findings raised only by unchanged Kubernetes defaults
 * and the control plane's own identities, counting them per rule; {@code none} shows everything.
 */
public enum ExcludePreset {
  STANDARD,
  NONE;

  public static Optional<ExcludePreset> parse(String s) {
    for (ExcludePreset p : values()) {
      if (s != null && p.id().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}

package io.rbacaudit.rules;

import java.util.Locale;
import java.util.Optional;

/** Finding severities, most severe first; the order is the gate's order. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  public static Optional<Severity> parse(String s) {
    if (s == null) {
      return Optional.empty();
    }
    for (Severity v : values()) {
      if (v.name().equalsIgnoreCase(s.trim())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** Whether this is at least as severe as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** One step less severe (INFO stays INFO). */
  public Severity lower() {
    return this == INFO ? INFO : values()[ordinal() + 1];
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return id();
  }
}

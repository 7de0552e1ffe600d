package io.rbacaudit.model;

import java.util.Objects;

/** A located loading problem. Errors make commands exit 2; warnings are reported but do not. */
public record Problem(Level level, Location location, String message) implements Comparable<Problem> {

  public enum Level {
    ERROR,
    WARNING
  }

  public Problem {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  public static Problem error(Location location, String message) {
    return new Problem(Level.ERROR, location, message);
  }

  public static Problem warning(Location location, String message) {
    return new Problem(Level.WARNING, location, message);
  }

  public boolean isError() {
    return level == Level.ERROR;
  }

  /** {@code file:line:col: error: message}. */
  @Override
  public String toString() {
    return location + ": " + level.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
  }

  @Override
  public int compareTo(Problem o) {
    int c = String.valueOf(location.file()).compareTo(String.valueOf(o.location.file()));
    if (c != 0) {
      return c;
    }
    c = Integer.compare(location.line(), o.location.line());
    if (c != 0) {
      return c;
    }
    c = Integer.compare(location.column(), o.location.column());
    return c != 0 ? c : message.compareTo(o.message);
  }
}

package io.rbacaudit.model;

/**
 * Where an object or rule came from: a manifest file and line (manifest mode), a cluster context and uid
 * (cluster mode), or a bundled Kubernetes default (file is {@code builtin:<name>}).
 * Unused fields are null; {@code line} and {@code column} are 1-based, 0 when unknown.
 */
public record Location(String file, int line, int column, String context, String uid) {

  public static final String BUILTIN_PREFIX = "builtin:";

  public Location {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must be >= 0");
    }
  }

  public static Location file(String file, int line) {
    return new Location(file, line, 0, null, null);
  }

  public static Location file(String file, int line, int column) {
    return new Location(file, line, column, null, null);
  }

  public static Location cluster(String context, String uid) {
    return new Location(null, 0, 0, context, uid);
  }

  public boolean isBuiltIn() {
    return file != null && file.startsWith(BUILTIN_PREFIX);
  }

  /** {@code file:line} (or {@code file:line:col}), or {@code context/uid} in cluster mode. */
  @Override
  public String toString() {
    if (file == null) {
      return (context == null ? "" : context) + (uid == null ? "" : "/" + uid);
    }
    StringBuilder sb = new StringBuilder(file);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    return sb.toString();
  }
}

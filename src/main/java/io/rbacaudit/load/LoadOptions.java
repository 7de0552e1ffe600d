package io.rbacaudit.load;

import java.util.Objects;

/**
 * Settings of one manifest load.
 *
 * @param defaultNamespace given to namespaced objects without {@code metadata.namespace}, as {@code kubectl apply}
 *     would ({@code --default-namespace})
 * @param maxFileSizeBytes larger files are reported and skipped unread, so one huge file cannot exhaust memory
 * @param maxObjects loading stops with an error after this many objects (of any kind, skipped kinds included)
 */
public record LoadOptions(String defaultNamespace, long maxFileSizeBytes, int maxObjects) {

  public static final long DEFAULT_MAX_FILE_SIZE = 64L * 1024 * 1024;
  public static final int DEFAULT_MAX_OBJECTS = 1_000_000;

  public LoadOptions {
    Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    if (defaultNamespace.isEmpty()) {
      throw new IllegalArgumentException("defaultNamespace must not be empty");
    }
    if (maxFileSizeBytes <= 0 || maxObjects <= 0) {
      throw new IllegalArgumentException("maxFileSizeBytes and maxObjects must be positive");
    }
  }

  public static LoadOptions defaults() {
    return new LoadOptions("default", DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_OBJECTS);
  }
}

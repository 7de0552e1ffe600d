package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a file under src/test/resources/golden; {@code -Dgolden.update=true} rewrites the file
 * instead (review the diff before committing it).
 */
final class GoldenFile {

  static final Path DIR = Path.of("src", "test", "resources", "golden");

  private GoldenFile() {}

  static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  static void assertMatches(String name, String actual) {
    Path file = DIR.resolve(name);
    try {
      if (updating()) {
        Files.createDirectories(DIR);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      if (!Files.exists(file)) {
        throw new AssertionError("no golden file " + file + ": run mvn verify -Dgolden.update=true and review it");
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual,
          name + " differs from its golden file; if the change is intended, rerun with -Dgolden.update=true");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

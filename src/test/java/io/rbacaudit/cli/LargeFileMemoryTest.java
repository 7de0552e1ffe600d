package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8: a very large file is analysed with a bounded heap. A 50 MB manifest (the RBAC objects a finding needs
 * and thousands of ConfigMaps with large values) is scanned by a child JVM limited to 256 MB; it must finish with
 * the finding, not an OutOfMemoryError. Skip with -Dlargefile.skip=true on a starved machine.
 */
class LargeFileMemoryTest {

  private static final long TARGET_BYTES = 50L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void fiftyMegabyteFileIsScannedInA256MegabyteHeap() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(Boolean.getBoolean("largefile.skip"));
    Path big = writeBigManifest(dir.resolve("big.yaml"));
    assertTrue(Files.size(big) >= TARGET_BYTES);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path out = dir.resolve("out.txt");
    Process p = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.rbacaudit.Main", "scan", "--defaults", "none", big.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    boolean done = p.waitFor(5, TimeUnit.MINUTES);
    if (!done) {
      p.destroyForcibly();
    }
    String output = Files.readString(out);
    assertTrue(done, "timed out\n" + output);
    assertFalse(output.contains("OutOfMemoryError"), output);
    assertEquals(1, p.exitValue(), output.length() > 4000 ? output.substring(0, 4000) : output);
    assertTrue(output.contains("RBAC-201"), output.length() > 4000 ? output.substring(0, 4000) : output);
  }

  private static Path writeBigManifest(Path file) throws IOException {
    String value = "x".repeat(8 * 1024);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join("\n", List.of(
          "apiVersion: v1", "kind: ServiceAccount", "metadata: {name: reader, namespace: shop}", "---",
          "apiVersion: rbac.authorization.k8s.io/v1", "kind: ClusterRole", "metadata: {name: secret-reader}",
          "rules:", "- {apiGroups: [\"\"], resources: [secrets], verbs: [get]}", "---",
          "apiVersion: rbac.authorization.k8s.io/v1", "kind: ClusterRoleBinding", "metadata: {name: rb}",
          "subjects: [{kind: ServiceAccount, name: reader, namespace: shop}]",
          "roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}", "")));
      long written = 0;
      for (int i = 0; written < TARGET_BYTES; i++) {
        String doc = "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-" + i + ", namespace: shop}\n"
            + "data:\n  a: " + value + "\n  b: " + value + "\n";
        w.write(doc);
        written += doc.length();
      }
    }
    return file;
  }
}

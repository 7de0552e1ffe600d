package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SOURCE options for live clusters: conflicts and connection problems are one-line errors with exit 2. */
class ClusterOptionsTest {

  @TempDir Path dir;

  private static CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Cli.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), env);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private void assertOneLineError(CliRun r, String expected) {
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains(expected), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  @Test
  void pathsAndClusterAreExclusive() {
    assertOneLineError(run(Map.of(), "scan", "examples", "--cluster"), "either manifest PATHs or --cluster");
    assertOneLineError(run(Map.of(), "who-can", "get", "pods", "--cluster", "--in-cluster"),
        "either --cluster or --in-cluster");
    assertOneLineError(run(Map.of(), "can-i", "get", "pods", "--as", "a", "examples", "--context", "x"),
        "--kubeconfig and --context need --cluster");
  }

  @Test
  void missingContextNamesTheContextAndTheOnesThere() throws Exception {
    Path kc = dir.resolve("config");
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: a\n  cluster:\n"
        + "    server: https://127.0.0.1:1\nusers:\n- name: a\n  user:\n    token: abc-secret-token\ncontexts:\n"
        + "- name: a\n  context: {cluster: a, user: a}\n");
    CliRun r = run(Map.of("KUBECONFIG", kc.toString()), "scan", "--cluster", "--context", "prod");
    assertOneLineError(r, "context \"prod\" is not in the kubeconfig");
    assertTrue(r.err().contains("contexts there: a"), r::toString);
  }

  @Test
  void unreachableServerIsOneLineNamingTheContextAndNeverTheToken() throws Exception {
    Path kc = dir.resolve("config");
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: a\nclusters:\n- name: a\n  cluster:\n"
        + "    server: https://127.0.0.1:1\nusers:\n- name: a\n  user:\n    token: abc-secret-token\ncontexts:\n"
        + "- name: a\n  context: {cluster: a, user: a}\n");
    CliRun r = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString(), "--defaults", "all");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("--defaults is ignored with --cluster"), r::toString);
    assertTrue(r.err().contains("cluster context \"a\" (https://127.0.0.1:1): unreachable"), r::toString);
    assertTrue(!r.err().contains("abc-secret-token"), r::toString);
  }

  @Test
  void inClusterOutsideAPodSaysWhatIsMissing() {
    assertOneLineError(run(Map.of(), "scan", "--in-cluster"), "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT");
    assertOneLineError(run(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443"), "scan",
        "--in-cluster", "--in-cluster-dir", dir.toString()), "cannot read the ServiceAccount token");
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, point 1, at the command line: one broken file next to a good one, through {@code scan} and
 * {@code can-i}. A broken file gets one clear message naming it (and its line where there is one), the exit code
 * is 2, the good file's finding and permission are still reported, and no stack trace leaks without --debug.
 */
class BrokenInputCliTest {

  /** The good file: a ServiceAccount that reads Secrets cluster-wide, which scan reports as RBAC-201. */
  private static final String GOOD = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: reader, namespace: shop}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: secret-reader}
      rules:
      - apiGroups: [""]
        resources: ["secrets"]
        verbs: ["get", "list"]
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: reader-reads-secrets}
      subjects:
      - {kind: ServiceAccount, name: reader, namespace: shop}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
      """;

  private static final String SA = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: %s, namespace: shop}\n";
  private static final String READER = "system:serviceaccount:shop:reader";

  @TempDir Path dir;

  static Stream<Arguments> brokenFiles() {
    return Stream.of(
        // name, file name, content, what stderr must contain after the file name ("" when no line is known)
        Arguments.of("syntax error", "bad.yaml", utf8("a: [unclosed\nb: c\n"), ":2:2: error: YAML syntax error"),
        Arguments.of("tab indentation", "bad.yaml", utf8(SA.formatted("t") + "\tlabels: {}\n"), ":4:"),
        Arguments.of("duplicate key", "bad.yaml", utf8(SA.formatted("d") + "kind: Secret\n"), ":4:"),
        Arguments.of("alias bomb", "bad.yaml", utf8(aliasBomb()), ":1:"),
        Arguments.of("deep nesting", "bad.yaml", utf8("x: " + "[".repeat(5000) + "]".repeat(5000) + "\n"),
            "Nesting Depth"),
        Arguments.of("binary junk", "bad.yaml", junk(), "not valid UTF-8"),
        Arguments.of("NUL bytes", "bad.yaml", new byte[] {'a', ':', ' ', 0, 0, 1, '\n'}, "binary"),
        Arguments.of("wrong type", "bad.yaml", utf8("apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n"
            + "metadata: {name: r}\nrules:\n- apiGroups: ['']\n  resources: [pods]\n  verbs: get\n"), ":7:"),
        Arguments.of("unknown apiVersion", "bad.yaml", utf8("apiVersion: rbac.authorization.k8s.io/v9\n"
            + "kind: ClusterRole\nmetadata: {name: r}\n"), ":1:"),
        Arguments.of("Helm template", "bad.yaml", utf8(SA.formatted("h").replace("metadata: {name: h, namespace: shop}",
            "metadata:\n  name: h\n  labels:\n    {{- include \"chart.labels\" . | nindent 4 }}")), "helm template"),
        Arguments.of("not a mapping", "bad.yaml", utf8("- just\n- a list\n"), ":1:"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void scanNamesTheBrokenFileExitsTwoAndStillReportsTheGoodOne(String name, String file, byte[] content,
      String located) throws IOException {
    Path bad = Files.write(dir.resolve(file), content);
    write("good.yaml", GOOD);
    CliRun scan = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("scan", dir.toString()));
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().contains(bad.toString()), scan.toString());
    assertTrue(scan.err().contains(located), "expected '" + located + "' in\n" + scan);
    assertTrue(scan.out().contains("RBAC-201"), "the good file is still analysed\n" + scan);
    assertNoStackTrace(scan);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenFiles")
  void canIStillAnswersForTheGoodFileAndExitsTwo(String name, String file, byte[] content, String located)
      throws IOException {
    Path bad = Files.write(dir.resolve(file), content);
    write("good.yaml", GOOD);
    CliRun run = CliRun.of("can-i", "get", "secrets", "-n", "shop", "--as", READER, dir.toString());
    assertEquals(2, run.exit(), run.toString());
    assertTrue(run.out().startsWith("yes\n"), run.toString());
    assertTrue(run.err().contains(bad.toString()), run.toString());
    assertNoStackTrace(run);
  }

  static Stream<Arguments> acceptedEncodings() {
    String crlf = GOOD.replace("\n", "\r\n");
    byte[] utf16 = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16LE);
    byte[] utf16be = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_16BE);
    byte[] utf8bom = ("\uFEFF" + GOOD).getBytes(StandardCharsets.UTF_8);
    return Stream.of(Arguments.of("CRLF line ends", utf8(crlf)), Arguments.of("UTF-16LE with a BOM", utf16),
        Arguments.of("UTF-16BE with a BOM", utf16be), Arguments.of("UTF-8 with a BOM", utf8bom));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("acceptedEncodings")
  void encodingsKubectlAcceptsAreReadAsTheSameManifest(String name, byte[] content) throws IOException {
    Path p = Files.write(dir.resolve("good.yaml"), content);
    CliRun scan = CliRun.of("scan", p.toString());
    assertEquals(1, scan.exit(), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
    assertEquals("", scan.err(), scan.toString());
    CliRun canI = CliRun.of("can-i", "get", "secrets", "-n", "shop", "--as", READER, p.toString());
    assertEquals(0, canI.exit(), canI.toString());
  }

  @Test
  void nullAndEmptyListsAreNotErrors() throws IOException {
    write("empty.yaml", """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: nothing}
        rules: []
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: null-rules}
        rules:
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: nobody}
        subjects: []
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: nothing}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: null-subjects}
        subjects: null
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: null-rules}
        ---
        """);
    write("good.yaml", GOOD);
    CliRun scan = CliRun.of("scan", dir.toString());
    assertEquals(1, scan.exit(), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
    assertFalse(scan.err().contains("error"), scan.toString());
    assertNoStackTrace(scan);
  }

  @Test
  void unknownKindsAreSkippedQuietly() throws IOException {
    write("crd.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {a: [1, 2]}\n");
    write("good.yaml", GOOD);
    CliRun scan = CliRun.of("scan", dir.toString());
    assertEquals(1, scan.exit(), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
    assertEquals("", scan.err(), scan.toString());
  }

  @Test
  void maxFileSizeOptionSkipsALargerFileNamingIt() throws IOException {
    Path big = write("big.yaml", SA.formatted("big") + "#".repeat(5000) + "\n");
    write("good.yaml", GOOD);
    CliRun scan = CliRun.of("scan", "--max-file-size", "4096", dir.toString());
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().contains(big + ": error: file is "), scan.toString());
    assertTrue(scan.err().contains("more than the limit of 4096 bytes"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
    assertEquals(0, CliRun.of("scan", "--max-file-size", "1000000", "--fail-on", "never", dir.toString()).exit());
  }

  @Test
  void maxObjectsOptionStopsLoadingWithALocatedError() throws IOException {
    write("a-good.yaml", GOOD);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      many.append("---\n").append(SA.formatted("sa" + i));
    }
    Path b = write("b-many.yaml", many.toString());
    CliRun scan = CliRun.of("scan", "--max-objects", "5", dir.toString());
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().contains(b + ":"), scan.toString());
    assertTrue(scan.err().contains("more than 5 objects"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), "objects read before the limit are analysed\n" + scan);
  }

  @Test
  void nonPositiveLimitsAreAUserError() throws IOException {
    String good = write("good.yaml", GOOD).toString();
    for (String[] args : new String[][] {{"--max-file-size", "0"}, {"--max-objects", "-1"}}) {
      CliRun run = CliRun.of("scan", args[0], args[1], good);
      assertEquals(2, run.exit(), run.toString());
      assertTrue(run.err().startsWith("rbac-audit: --max-file-size and --max-objects must be positive"),
          run.toString());
      assertNoStackTrace(run);
    }
  }

  @Test
  void symlinkLoopEndsWithAWarningAndTheGoodFileAnalysed() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("good.yaml"), GOOD);
    Files.createSymbolicLink(sub.resolve("loop"), dir);
    CliRun scan = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.of("scan", dir.toString()));
    assertEquals(1, scan.exit(), "a loop is a warning, not an error\n" + scan);
    assertTrue(scan.err().contains(sub.resolve("loop") + ": warning: folder already read"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
  }

  @Test
  void unreadableFileIsAnErrorNamingIt() throws IOException {
    Path f = write("locked.yaml", SA.formatted("x"));
    write("good.yaml", GOOD);
    f.toFile().setReadable(false, false);
    Assumptions.assumeFalse(Files.isReadable(f), "running as root: files stay readable");
    CliRun scan = CliRun.of("scan", dir.toString());
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().contains(f + ": error: cannot read this file (permission denied)"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
  }

  @Test
  void missingPathIsAnErrorAndTheOtherPathIsStillAnalysed() throws IOException {
    String good = write("good.yaml", GOOD).toString();
    CliRun scan = CliRun.of("scan", "no/such.yaml", good);
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().contains("no/such.yaml: error: no such file or folder"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
  }

  @Test
  void aFolderOfTenThousandFilesIsReadQuickly() throws IOException {
    Path many = Files.createDirectories(dir.resolve("many"));
    for (int i = 0; i < 10_000; i++) {
      Files.writeString(many.resolve("sa-%05d.yaml".formatted(i)), SA.formatted("sa-" + i));
    }
    write("good.yaml", GOOD);
    CliRun canI = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> CliRun.of("can-i", "get", "secrets", "-n", "shop", "--as", READER, dir.toString()));
    assertEquals(0, canI.exit(), canI.toString());
    CliRun scan = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> CliRun.of("scan", dir.toString()));
    assertEquals(1, scan.exit(), scan.err());
    assertTrue(scan.out().contains("RBAC-201"));
  }

  @Test
  void emptyStdinIsAnEmptyInventoryNotAnError() {
    CliRun scan = CliRun.withStdin("", "scan", "-");
    assertEquals(0, scan.exit(), scan.toString());
    assertNoStackTrace(scan);
    CliRun canI = CliRun.withStdin("", "can-i", "get", "secrets", "--as", READER, "-");
    assertEquals(1, canI.exit(), canI.toString());
    assertTrue(canI.out().startsWith("no\n"), canI.toString());
  }

  @Test
  void stdinWithASyntaxErrorIsNamedDash() {
    CliRun scan = CliRun.withStdin(GOOD + "---\na: [unclosed\n", "scan", "-");
    assertEquals(2, scan.exit(), scan.toString());
    assertTrue(scan.err().startsWith("-:"), scan.toString());
    assertTrue(scan.out().contains("RBAC-201"), scan.toString());
  }

  @Test
  void debugDoesNotTurnInputProblemsIntoStackTraces() throws IOException {
    write("bad.yaml", aliasBomb());
    write("good.yaml", GOOD);
    CliRun scan = CliRun.of("scan", "--debug", dir.toString());
    assertEquals(2, scan.exit(), scan.toString());
    assertNoStackTrace(scan);
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private static void assertNoStackTrace(CliRun run) {
    assertFalse(run.err().contains("\tat ") || run.err().contains("Exception"), run.toString());
    assertFalse(run.err().contains("internal error"), run.toString());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] junk() {
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    return junk;
  }

  private static String aliasBomb() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'm'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    return yaml.toString();
  }
}

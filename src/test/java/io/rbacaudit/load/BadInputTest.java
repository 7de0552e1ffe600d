package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Broken, hostile or oversized input: never an exception, always located problems, everything else loaded. */
class BadInputTest {

  private static final String SA = "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: %s}\n";

  @TempDir Path dir;

  @Test
  void syntaxErrorIsLocatedAtLineAndColumnAndEarlierDocumentsAreKept() {
    Inventory inv = Loads.text(SA.formatted("first") + "---\napiVersion: v1\nkind: ServiceAccount\n"
        + "metadata:\n  name: second\n   bad: indent\n---\n" + SA.formatted("third"));
    List<Problem> errors = Loads.errors(inv);
    assertEquals(1, errors.size());
    assertEquals("test.yaml:9:7", errors.get(0).location().toString());
    assertTrue(errors.get(0).message().startsWith("YAML syntax error: "), errors.get(0).message());
    assertEquals(List.of("first"), inv.serviceAccounts().stream().map(s -> s.name()).toList());
  }

  @Test
  void syntaxErrorInOneFileDoesNotStopTheOtherFiles() throws IOException {
    Files.writeString(dir.resolve("a.yaml"), "a: [unclosed\n");
    Files.writeString(dir.resolve("b.yaml"), SA.formatted("b"));
    Inventory inv = load(dir.toString());
    assertEquals(1, Loads.errors(inv).size());
    assertTrue(Loads.errors(inv).get(0).location().file().endsWith("/a.yaml"));
    assertEquals(1, inv.serviceAccounts().size());
  }

  @Test
  void unrenderedHelmTemplateGetsAHint() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: x
          labels:
            {{- include "chart.labels" . | nindent 4 }}
        """);
    assertEquals(1, Loads.errors(inv).size());
    assertTrue(Loads.errors(inv).get(0).message().contains(
        "looks like an un-rendered Helm template: run `helm template` first"), inv.problems().toString());
  }

  @Test
  void duplicateKeyIsALocatedErrorForThatDocument() {
    Inventory inv = Loads.text("apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: a\n  name: b\n---\n"
        + SA.formatted("ok"));
    List<Problem> errors = Loads.errors(inv);
    assertEquals(1, errors.size());
    assertEquals("test.yaml:5:3", errors.get(0).location().toString());
    assertTrue(errors.get(0).message().contains("duplicate key \"name\" (also at line 4)"));
    assertEquals(List.of("ok"), inv.serviceAccounts().stream().map(s -> s.name()).toList());
  }

  @Test
  void objectDefinedTwiceWarnsNamingBothPlacesAndTheLaterWins() throws IOException {
    String role = "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: r, namespace: n}\n"
        + "rules: [{apiGroups: [''], resources: [%s], verbs: [get]}]\n";
    Files.writeString(dir.resolve("1.yaml"), role.formatted("pods"));
    Files.writeString(dir.resolve("2.yaml"), "# comment\n" + role.formatted("secrets"));
    Inventory inv = load(dir.toString());
    assertEquals(1, inv.roles().size());
    assertEquals(List.of("secrets"), inv.roles().get(0).rules().get(0).resources());
    List<Problem> warnings = Loads.warnings(inv);
    assertEquals(1, warnings.size());
    String first = dir + "/1.yaml:1";
    String second = dir + "/2.yaml:2";
    assertEquals(second, warnings.get(0).location().toString());
    assertTrue(warnings.get(0).message().contains(first) && warnings.get(0).message().contains(second),
        warnings.get(0).message());
    assertTrue(Loads.errors(inv).isEmpty());
  }

  @Test
  void sameNameInDifferentNamespacesOrKindsIsNotADuplicate() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a, namespace: x}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: a, namespace: y}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: a, namespace: x}
        """);
    assertEquals(List.of(), inv.problems());
    assertEquals(2, inv.serviceAccounts().size());
  }

  @Test
  void aliasBombIsBounded() {
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
    Inventory inv = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Loads.text(yaml.toString()));
    assertEquals(1, Loads.errors(inv).size());
    assertTrue(Loads.errors(inv).get(0).message().contains("aliases"), inv.problems().toString());
    assertEquals(1, Loads.errors(inv).get(0).location().line());
  }

  @Test
  void manyAliasesBelowTheLimitAreWalkedOnceEach() {
    // 9^8 expansions if every alias were followed: the duplicate-key walk must visit shared nodes once.
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    char prev = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      yaml.append("]\n");
      prev = c;
    }
    yaml.append("apiVersion: example.com/v1\nkind: Bomb\n");
    Inventory inv = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Loads.text(yaml.toString()));
    assertEquals(List.of(), inv.problems());
  }

  @Test
  void deepNestingIsBounded() {
    String yaml = SA.formatted("before") + "---\nx: " + "[".repeat(5000) + "]".repeat(5000) + "\n";
    Inventory inv = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Loads.text(yaml));
    assertEquals(1, Loads.errors(inv).size());
    assertTrue(Loads.errors(inv).get(0).message().contains("Nesting Depth"), inv.problems().toString());
    assertEquals(4, Loads.errors(inv).get(0).location().line(), "the '---' that starts the document");
    assertEquals(1, inv.serviceAccounts().size());
  }

  @Test
  void fileLargerThanTheLimitIsSkippedWithAnError() throws IOException {
    Path big = dir.resolve("big.yaml");
    Files.writeString(big, SA.formatted("big") + "#".repeat(2000) + "\n");
    Files.writeString(dir.resolve("small.yaml"), SA.formatted("small"));
    Inventory inv = new ManifestLoader(new LoadOptions("default", 1000, 100), null).load(List.of(dir.toString()));
    assertEquals(1, Loads.errors(inv).size());
    assertEquals(big.toString(), Loads.errors(inv).get(0).location().file());
    assertTrue(Loads.errors(inv).get(0).message().contains("more than the limit of 1000 bytes"));
    assertEquals(List.of("small"), inv.serviceAccounts().stream().map(s -> s.name()).toList());
  }

  @Test
  void stdinLargerThanTheLimitIsAnError() {
    byte[] input = (SA.formatted("x") + "#".repeat(5000)).getBytes(StandardCharsets.UTF_8);
    Inventory inv = new ManifestLoader(new LoadOptions("default", 100, 100),
        new java.io.ByteArrayInputStream(input)).load(List.of("-"));
    assertEquals(1, Loads.errors(inv).size());
    assertEquals("-", Loads.errors(inv).get(0).location().file());
  }

  @Test
  void moreThanMaxObjectsIsAnErrorAndLoadingStops() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      yaml.append("---\n").append(SA.formatted("sa" + i));
    }
    Inventory inv = new ManifestLoader(new LoadOptions("default", 1 << 20, 3), null).loadText("m.yaml",
        yaml.toString());
    assertEquals(3, inv.serviceAccounts().size());
    assertEquals(1, Loads.errors(inv).size());
    assertEquals(14, Loads.errors(inv).get(0).location().line());
    assertTrue(Loads.errors(inv).get(0).message().contains("more than 3 objects"));
  }

  @Test
  void binaryJunkIsOneErrorForTheFile() throws IOException {
    byte[] junk = new byte[4096];
    new java.util.Random(42).nextBytes(junk);
    Files.write(dir.resolve("junk.yaml"), junk);
    Files.write(dir.resolve("nul.yaml"), new byte[] {'a', ':', ' ', 0, 0, 1, 2, '\n'});
    Files.writeString(dir.resolve("ok.yaml"), SA.formatted("ok"));
    Inventory inv = load(dir.toString());
    List<Problem> errors = Loads.errors(inv);
    assertEquals(2, errors.size(), inv.problems().toString());
    assertTrue(errors.get(0).location().file().endsWith("junk.yaml"));
    assertTrue(errors.get(0).message().contains("not valid UTF-8"));
    assertTrue(errors.get(1).location().file().endsWith("nul.yaml"));
    assertTrue(errors.get(1).message().contains("binary"));
    assertEquals(1, inv.serviceAccounts().size());
  }

  @Test
  void controlCharactersYamlForbidsAreOneError() {
    Inventory inv = Loads.text("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: \u0007}\n");
    assertEquals(1, Loads.errors(inv).size());
    assertEquals(3, Loads.errors(inv).get(0).location().line());
  }

  @Test
  void missingPathIsAnErrorNamingIt() {
    Inventory inv = load("no/such/file.yaml");
    assertEquals(1, Loads.errors(inv).size());
    assertEquals("no/such/file.yaml", Loads.errors(inv).get(0).location().toString());
    assertTrue(Loads.errors(inv).get(0).message().contains("no such file"));
  }

  @Test
  void symlinkLoopIsFollowedOnce() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("sub"));
    Files.writeString(sub.resolve("a.yaml"), SA.formatted("a"));
    Files.createSymbolicLink(sub.resolve("loop"), dir);
    Inventory inv = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> load(dir.toString()));
    assertEquals(1, inv.serviceAccounts().size());
    assertTrue(Loads.errors(inv).isEmpty());
    assertEquals(1, Loads.warnings(inv).size());
    assertTrue(Loads.warnings(inv).get(0).message().contains("symbolic link loop"));
  }

  @Test
  void unreadableFileIsAnErrorNamingIt() throws IOException {
    Path f = dir.resolve("secret.yaml");
    Files.writeString(f, SA.formatted("x"));
    f.toFile().setReadable(false, false);
    org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(f), "running as root: files stay readable");
    Inventory inv = load(f.toString());
    assertEquals(1, Loads.errors(inv).size());
    assertEquals(f.toString(), Loads.errors(inv).get(0).location().file());
  }

  @Test
  void fileThatFailsWhileReadingIsAnErrorNamingIt() {
    // Root can read any file, so use one that fails on read: /proc/self/mem reports an I/O error (Linux only).
    Path mem = Path.of("/proc/self/mem");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(mem));
    Inventory inv = load(mem.toString());
    assertEquals(1, Loads.errors(inv).size(), inv.problems().toString());
    assertEquals("/proc/self/mem", Loads.errors(inv).get(0).location().toString());
    assertTrue(Loads.errors(inv).get(0).message().startsWith("cannot read this file"));
  }

  @Test
  void anyPrefixOfARealManifestLoadsWithoutThrowing() throws IOException {
    String text = Files.readString(Path.of("src/test/resources/corpus/descheduler/base/rbac.yaml"));
    for (int end = 0; end <= text.length(); end += 7) {
      Inventory inv = Loads.text(text.substring(0, end));
      assertTrue(inv.problems().stream().allMatch(p -> p.message().indexOf('\n') < 0));
    }
  }

  private static Inventory load(String... paths) {
    return new ManifestLoader(LoadOptions.defaults(), null).load(List.of(paths));
  }
}

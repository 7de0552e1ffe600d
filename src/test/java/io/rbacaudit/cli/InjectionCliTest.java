package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, point 5, through the commands (the renderers alone are in report/HostileInputTest): names carrying
 * terminal escape sequences, bidi overrides and markup reach the terminal of who-can, can-i, permissions and paths
 * neutralised, stderr problem lines too; XML and JSON outputs stay well-formed; markdown has no live link.
 */
class InjectionCliTest {

  /** YAML double-quoted escapes: \e is ESC, \a is BEL, \u202E is RIGHT-TO-LEFT OVERRIDE. */
  private static final String EVIL = "\"x\\e[2J\\e]8;;https://evil.example/\\a\\u202Eevil[a](https://evil.example)"
      + "<img src=x onerror=alert(1)>\"";

  private static final String POLICY = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: EVIL, namespace: shop}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: EVIL}
      rules:
      - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
      - {apiGroups: [""], resources: [pods], verbs: [create]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: EVIL}
      subjects:
      - {kind: ServiceAccount, name: EVIL, namespace: shop}
      - {kind: User, name: EVIL}
      - {kind: Group, name: EVIL}
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: EVIL}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: admin}
      subjects: [{kind: User, name: EVIL}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: wrong-type}
      rules:
      - {apiGroups: [""], resources: [pods], verbs: EVIL}
      """.replace("EVIL", EVIL);

  /** The user name as the shell would pass it: the same characters, raw. */
  private static final String RAW_USER = "x\u001b[2J\u001b]8;;https://evil.example/\u0007\u202Eevil"
      + "[a](https://evil.example)<img src=x onerror=alert(1)>";

  @TempDir Path dir;

  static Stream<List<String>> terminalCommands() {
    return Stream.of(
        List.of("who-can", "get", "secrets", "-A"),
        List.of("who-can", "create", "pods", "-n", "shop"),
        List.of("can-i", "get", "secrets", "-n", "shop", "--as", RAW_USER),
        List.of("permissions", "--as", RAW_USER),
        List.of("permissions", "--as", "system:serviceaccount:shop:" + RAW_USER),
        List.of("paths"),
        List.of("paths", "--from", "User/" + RAW_USER),
        List.of("scan", "--fail-on", "never"),
        List.of("scan", "--fail-on", "never", "-o", "markdown"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("terminalCommands")
  void terminalOutputShowsControlsAndBidiAsEscapes(List<String> command) throws IOException {
    CliRun run = run(command, false);
    assertNoRawControls(run.out() + run.err(), run);
  }

  @Test
  void whoCanShowsTheNamesEscapedRatherThanDroppingThem() throws IOException {
    CliRun run = run(List.of("who-can", "get", "secrets", "-A"), false);
    assertTrue(run.out().contains("x\\u001b[2J\\u001b]8;;https://evil.example/\\u0007\\u202eevil"), run.toString());
  }

  @Test
  void markdownHasNoLiveLinkImageOrHtmlFromInput() throws IOException {
    CliRun run = run(List.of("scan", "--fail-on", "never", "-o", "markdown"), false);
    assertFalse(run.out().contains("[a](https://evil.example)"), run.out());
    assertFalse(run.out().contains("<img"), run.out());
    assertFalse(run.out().contains("](https://evil"), run.out());
  }

  @Test
  void xmlOutputsAreWellFormedAndJsonOutputsParse() throws Exception {
    for (List<String> xml : List.of(List.of("scan", "--fail-on", "never", "-o", "junit"),
        List.of("graph", "--format", "graphml"))) {
      CliRun run = run(xml, false);
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.newDocumentBuilder().parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
      assertFalse(run.out().contains("<img"), run.out());
    }
    ObjectMapper json = new ObjectMapper();
    for (List<String> js : List.of(List.of("scan", "--fail-on", "never", "-o", "sarif"),
        List.of("scan", "--fail-on", "never", "-o", "json"), List.of("who-can", "get", "secrets", "-A", "-o", "json"),
        List.of("graph", "--format", "json"), List.of("paths", "-o", "json"))) {
      CliRun run = run(js, false);
      assertTrue(json.readTree(run.out()).isObject(), run.toString());
    }
  }

  @Test
  void debugDoesNotSendRawControlsEither() throws IOException {
    CliRun run = run(List.of("who-can", "get", "secrets", "-A"), true);
    assertNoRawControls(run.out() + run.err(), run);
  }

  @Test
  void aFileNameWithEscapesIsShownEscapedInProblemLines() throws IOException {
    Path evil = dir.resolve("bad\u001b[31m\u202e.yaml");
    Files.writeString(evil, "a: [unclosed\n");
    CliRun run = CliRun.of("scan", dir.toString());
    assertEquals(2, run.exit(), run.toString());
    assertNoRawControls(run.out() + run.err(), run);
    assertTrue(run.err().contains("bad\\u001b[31m\\u202e.yaml"), run.toString());
  }

  private CliRun run(List<String> command, boolean debug) throws IOException {
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    List<String> args = new java.util.ArrayList<>(command);
    if (debug) {
      args.add("--debug");
    }
    args.add(policy.toString());
    return CliRun.of(args.toArray(String[]::new));
  }

  private static void assertNoRawControls(String s, CliRun run) {
    for (char c : s.toCharArray()) {
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x202a && c <= 0x202e)
          || (c >= 0x2066 && c <= 0x2069);
      assertFalse(control, "raw U+" + Integer.toHexString(c) + " in\n" + run);
    }
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 8, point 4: the values of Secrets ({@code data}, {@code stringData}, well-formed or broken) never reach
 * stdout, stderr or a report file, in any format of any command, with --debug too. The secrets sit next to RBAC
 * that lets a ServiceAccount read them, so every command has something to say about them.
 */
class SecretHygieneCliTest {

  private static final String MARK = "Zq7vMARKERsecretXw3";
  private static final String MARK_B64 = Base64.getEncoder().encodeToString(MARK.getBytes(StandardCharsets.UTF_8));
  private static final String SA = "system:serviceaccount:shop:reader";

  private static final String POLICY = """
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: reader, namespace: shop}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: secret-reader}
      rules:
      - {apiGroups: [""], resources: [secrets], verbs: [get, list]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: reader-reads-secrets}
      subjects: [{kind: ServiceAccount, name: reader, namespace: shop}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: secret-reader}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: app, namespace: shop}
      spec:
        serviceAccountName: reader
        containers:
        - name: app
          image: app
          env:
          - name: P
            valueFrom: {secretKeyRef: {name: db, key: password}}
      """;

  private static final String SECRETS = """
      apiVersion: v1
      kind: Secret
      metadata:
        name: db
        namespace: shop
        annotations:
          kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"password":"MARK"}}'
      type: Opaque
      data: {password: B64, plain: MARK}
      stringData: {token: MARK}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: sa-token, namespace: shop, annotations: {kubernetes.io/service-account.name: reader}}
      type: kubernetes.io/service-account-token
      data: {token: B64}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: broken-type, namespace: shop}
      data: MARK
      ---
      apiVersion: v1
      kind: List
      items:
      - apiVersion: v1
        kind: Secret
        metadata: {name: listed, namespace: shop}
        stringData: {k: MARK}
        type: [MARK]
      """.replace("B64", MARK_B64).replace("MARK", MARK);

  /** A syntax error right after a secret value: the error message must not quote the line. */
  private static final String BROKEN = "apiVersion: v1\nkind: Secret\nmetadata: {name: torn, namespace: shop}\n"
      + "stringData:\n  p: \"" + MARK + "\n";

  @TempDir Path dir;

  static Stream<Arguments> commands() {
    List<Arguments> out = new ArrayList<>();
    for (String f : List.of("text", "json", "sarif", "junit", "markdown")) {
      out.add(Arguments.of(List.of("scan", "--fail-on", "never", "-o", f)));
    }
    for (String f : List.of("text", "json")) {
      out.add(Arguments.of(List.of("can-i", "get", "secrets/db", "-n", "shop", "--as", SA, "-o", f)));
      out.add(Arguments.of(List.of("who-can", "get", "secrets", "-A", "-o", f)));
      out.add(Arguments.of(List.of("permissions", "--as", SA, "-o", f)));
    }
    for (String f : List.of("text", "json", "dot")) {
      out.add(Arguments.of(List.of("paths", "--to", "all-secrets", "-o", f)));
    }
    for (String f : List.of("dot", "graphml", "json")) {
      out.add(Arguments.of(List.of("graph", "--format", f)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void noSecretValueInAnyOutputWithOrWithoutDebug(List<String> command) throws IOException {
    Files.writeString(dir.resolve("policy.yaml"), POLICY);
    Files.writeString(dir.resolve("secrets.yaml"), SECRETS);
    Files.writeString(dir.resolve("torn.yaml"), BROKEN);
    for (boolean debug : new boolean[] {false, true}) {
      List<String> args = new ArrayList<>(command);
      if (debug) {
        args.add("--debug");
      }
      args.add(dir.toString());
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertTrue(run.err().contains("torn.yaml"), "the broken Secret is reported\n" + run);
      assertClean(command + (debug ? " --debug" : ""), run.out() + run.err());
    }
  }

  @ParameterizedTest(name = "scan --report {0}")
  @MethodSource("reportFormats")
  void noSecretValueInReportFiles(String format) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("policy.yaml"), POLICY);
    Files.writeString(in.resolve("secrets.yaml"), SECRETS);
    Files.writeString(in.resolve("torn.yaml"), BROKEN);
    Path report = dir.resolve("report." + format);
    CliRun run = CliRun.of("scan", "--debug", "--report", format + "=" + report, "--output-file",
        dir.resolve("main.txt").toString(), in.toString());
    assertTrue(Files.size(report) > 0, run.toString());
    assertClean("report " + format, Files.readString(report) + Files.readString(dir.resolve("main.txt"))
        + run.out() + run.err());
  }

  static Stream<String> reportFormats() {
    return Stream.of("text", "json", "sarif", "junit", "markdown");
  }

  private static void assertClean(String what, String output) {
    assertFalse(output.contains(MARK), what + " shows a Secret value:\n" + output);
    assertFalse(output.contains(MARK_B64), what + " shows a Secret value in base64:\n" + output);
    assertFalse(output.contains("MARKERsecret"), what + " shows part of a Secret value:\n" + output);
  }
}

package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Scans a real kube-apiserver v1.20.2 (.ci/kube-apiserver.sh) holding applied corpus manifests. Skipped when the
 * binaries are not cached and RBAC_AUDIT_LIVE is not set (CI sets it and builds them first).
 */
@Tag("live")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveClusterTest {

  private static final List<Path> APPLIED = List.of(Path.of("examples"),
      Path.of("src/test/resources/corpus/kube-state-metrics"), Path.of("src/test/resources/corpus/metrics-server"),
      Path.of("src/test/resources/corpus/cert-manager"), Path.of("src/test/resources/corpus/vault-k8s"),
      Path.of("src/test/resources/corpus/kured"), Path.of("src/test/resources/corpus/external-dns"),
      Path.of("src/test/resources/corpus/ingress-nginx"));

  private final Path work = Path.of("target/live-cluster").toAbsolutePath();
  private final Path kubeDir = Path.of("target/kube").toAbsolutePath();
  private LiveCluster cluster;
  private Path defaults;
  private Set<String> afterApply;
  private Path accepted;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(LiveCluster.available(), "no cached kube-apiserver and RBAC_AUDIT_LIVE unset: live tests skipped");
    Files.createDirectories(work);
    cluster = LiveCluster.start(kubeDir);
    defaults = work.resolve("cluster-defaults");
    cluster.dumpDefaults(defaults);
    accepted = work.resolve("accepted");
    List<String> rejected = cluster.apply(APPLIED, accepted);
    Files.write(work.resolve("rejected.txt"), rejected);
    afterApply = keys(clusterScan(kubeconfig(), "--fail-on", "never"));
  }

  @AfterAll
  void stop() throws Exception {
    if (cluster != null) {
      LiveCluster.stop(kubeDir);
    }
  }

  @Test
  void clusterScanFindsWhatTheManifestScanOfTheAppliedObjectsFinds() throws Exception {
    // The cluster's own default roles and bindings (v1.20.2's) stand in for the tool's bundled ones.
    CliRun manifests = run(Map.of(), "scan", defaults.toString(), accepted.toString(), "--defaults", "none", "-o",
        "json", "--fail-on", "never");
    assertEquals(0, manifests.exit(), manifests::toString);
    Set<String> fromFiles = keys(manifests);
    Set<String> missing = new TreeSet<>(fromFiles);
    missing.removeAll(afterApply);
    Set<String> extra = new TreeSet<>(afterApply);
    extra.removeAll(fromFiles);
    // RBAC-609 (the deprecated serviceAccount field) cannot be seen on a cluster: the server mirrors the two fields.
    missing.removeIf(k -> k.startsWith("RBAC-609 "));
    assertTrue(fromFiles.size() > 20, "the applied corpus raises findings: " + fromFiles.size());
    assertTrue(missing.isEmpty(), "found in the manifests but not on the cluster:\n" + String.join("\n", missing));
    assertTrue(extra.isEmpty(), "found on the cluster but not in the manifests:\n" + String.join("\n", extra));
  }

  @Test
  void savedSnapshotIsAuditedOfflineWithTheSameFindingsAndHoldsNoSecretData() throws Exception {
    Path snap = work.resolve("snapshot.json");
    clusterScan(kubeconfig(), "--fail-on", "never", "--save-snapshot", snap.toString());
    String text = Files.readString(snap);
    JsonNode doc = new ObjectMapper().readTree(text);
    int secrets = 0;
    for (JsonNode item : doc.get("items")) {
      if ("Secret".equals(item.path("kind").asText())) {
        secrets++;
        assertTrue(item.get("data") == null && item.get("stringData") == null, item::toString);
      }
    }
    assertTrue(secrets > 0, "the applied token Secrets are in the snapshot, as metadata");
    CliRun offline = run(Map.of(), "scan", snap.toString(), "-o", "json", "--fail-on", "never");
    assertEquals(0, offline.exit(), offline::toString);
    assertEquals(afterApply, keys(offline));
  }

  @Test
  void clientCertificateUserReadsTheSameCluster() throws Exception {
    Path kc = work.resolve("cert.kubeconfig");
    Files.writeString(kc, kubeconfigText(cluster.server, kubeDir.resolve("ca.crt").toString(),
        "client-certificate: " + kubeDir.resolve("admin-client.crt") + "\n    client-key: "
            + kubeDir.resolve("admin-client.key")));
    assertEquals(afterApply, keys(clusterScan(kc, "--fail-on", "never")));
  }

  @Test
  void userWhoMayListNothingGetsPartialCoverageWarningsAndExit2() throws Exception {
    Path kc = tokenKubeconfig("reader", Files.readString(kubeDir.resolve("reader.token")).trim(),
        kubeDir.resolve("ca.crt"));
    CliRun partial = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString());
    assertEquals(2, partial.exit(), partial::toString);
    assertTrue(partial.err().contains("cannot list secrets in cluster context live: forbidden; RBAC-605, RBAC-606 "
        + "are weakened"), partial::toString);
    assertTrue(partial.err().contains("--allow-partial"), partial::toString);
    CliRun allowed = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString(), "--allow-partial");
    assertTrue(allowed.exit() == 0 || allowed.exit() == 1, allowed::toString);
  }

  @Test
  void badTokenGivesTheUnauthorizedLineAndNeverPrintsTheToken() throws Exception {
    Path kc = tokenKubeconfig("bad", "not-the-token-4f1c2b", kubeDir.resolve("ca.crt"));
    CliRun r = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("cluster context \"live\"") && r.err().contains("401 Unauthorized"), r::toString);
    assertFalse(r.err().contains("not-the-token-4f1c2b") || r.out().contains("not-the-token-4f1c2b"), r::toString);
    assertEquals(1, r.err().strip().lines().count(), r::toString);
  }

  @Test
  void unknownCaGivesTheTlsLine() throws Exception {
    // The client certificate is signed by the same CA, but any certificate that did not sign the server's fails.
    Path otherCa = work.resolve("other-ca.crt");
    Files.writeString(otherCa, OTHER_CA);
    Path kc = tokenKubeconfig("wrong-ca", cluster.adminToken, otherCa);
    CliRun r = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString());
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("TLS failure"), r::toString);
    assertFalse(r.err().contains(cluster.adminToken), r::toString);
  }

  @Test
  void inClusterReadsTheMountedTokenAndCa() throws Exception {
    Path sa = work.resolve("serviceaccount");
    Files.createDirectories(sa);
    Files.writeString(sa.resolve("token"), cluster.adminToken);
    Files.copy(kubeDir.resolve("ca.crt"), sa.resolve("ca.crt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String port = cluster.server.substring(cluster.server.lastIndexOf(':') + 1);
    Map<String, String> env = Map.of("KUBERNETES_SERVICE_HOST", "127.0.0.1", "KUBERNETES_SERVICE_PORT", port);
    CliRun r = run(env, "scan", "--in-cluster", "--in-cluster-dir", sa.toString(), "-o", "json", "--fail-on",
        "never");
    assertEquals(0, r.exit(), r::toString);
    assertEquals(afterApply, keys(r));
  }

  @Test
  void kubeconfigFilesAreMergedAndContextsChosenAsKubectlDoes() throws Exception {
    Path bad = tokenKubeconfig("bad-first", "nope", kubeDir.resolve("ca.crt"));
    Map<String, String> env = Map.of("KUBECONFIG", bad + java.io.File.pathSeparator + kubeconfig());
    CliRun first = run(env, "can-i", "list", "secrets", "-A", "--as", "system:admin", "--cluster");
    // The first file's current-context ("live", with a bad token) wins, as with kubectl.
    assertTrue(first.err().contains("context \"live\"") && first.err().contains("401"), first::toString);
    CliRun chosen = run(env, "who-can", "list", "secrets", "-A", "--cluster", "--context", "rbac-audit-test");
    assertEquals(0, chosen.exit(), chosen::toString);
    assertTrue(chosen.out().contains("system:masters"), chosen::toString);
    CliRun missing = run(env, "permissions", "--as", "x", "--cluster", "--context", "nowhere");
    assertEquals(2, missing.exit(), missing::toString);
    assertTrue(missing.err().contains("context \"nowhere\" is not in the kubeconfig"), missing::toString);
  }

  @Test
  void severalContextsAreScannedEachOnItsOwnAndAnUnreachableOneIsReported() throws Exception {
    Path kc = work.resolve("multi.kubeconfig");
    String ca = kubeDir.resolve("ca.crt").toString();
    Files.writeString(kc, "apiVersion: v1\nkind: Config\ncurrent-context: blue\nclusters:\n"
        + "- name: live\n  cluster:\n    server: " + cluster.server + "\n    certificate-authority: " + ca + "\n"
        + "- name: gone\n  cluster:\n    server: https://127.0.0.1:1\n    certificate-authority: " + ca + "\n"
        + "users:\n- name: admin\n  user:\n    token: " + cluster.adminToken + "\n"
        + "- name: cert\n  user:\n    client-certificate: " + kubeDir.resolve("admin-client.crt") + "\n"
        + "    client-key: " + kubeDir.resolve("admin-client.key") + "\n"
        + "contexts:\n- name: blue\n  context: {cluster: live, user: admin}\n"
        + "- name: green\n  context: {cluster: live, user: cert}\n"
        + "- name: gone\n  context: {cluster: gone, user: admin}\n");
    CliRun r = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString(), "--all-contexts", "-o", "json",
        "--fail-on", "never");
    assertEquals(2, r.exit(), r::toString);
    assertTrue(r.err().contains("cluster context \"gone\" (https://127.0.0.1:1): unreachable"), r::toString);
    assertFalse(r.err().contains(cluster.adminToken) || r.out().contains(cluster.adminToken), "no token printed");
    JsonNode doc = new ObjectMapper().readTree(r.out());
    assertEquals("[\"complete\",\"complete\",\"failed\"]", coverage(doc));
    Map<String, Set<String>> keysByCluster = new HashMap<>();
    Map<String, Set<String>> fingerprintsByCluster = new HashMap<>();
    for (JsonNode f : doc.get("findings")) {
      String c = f.get("cluster").asText();
      keysByCluster.computeIfAbsent(c, k -> new TreeSet<>()).add(key(f));
      fingerprintsByCluster.computeIfAbsent(c, k -> new TreeSet<>()).add(f.get("fingerprint").asText());
    }
    // Two contexts on the same cluster: the same findings, each analysed on its own, with fingerprints of their own.
    assertEquals(afterApply, keysByCluster.get("blue"));
    assertEquals(afterApply, keysByCluster.get("green"));
    Set<String> shared = new TreeSet<>(fingerprintsByCluster.get("blue"));
    shared.retainAll(fingerprintsByCluster.get("green"));
    assertTrue(shared.isEmpty(), shared::toString);

    CliRun accepted = run(Map.of(), "scan", "--cluster", "--kubeconfig", kc.toString(), "--context", "blue",
        "--context", "gone", "--allow-partial", "--fail-on", "never");
    assertEquals(0, accepted.exit(), accepted::toString);
    assertTrue(accepted.out().contains("== Cluster blue: complete, ")
        && accepted.out().contains("== Cluster gone: failed"), accepted::toString);
  }

  @Test
  void aStalledAggregationControllerIsAWarningNamingTheRoleAndTheCluster() throws Exception {
    String roles = "/apis/rbac.authorization.k8s.io/v1/clusterroles";
    String selected = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":"
        + "{\"name\":\"drift-source\",\"labels\":{\"example.com/aggregate-to-drift\":\"true\"}},\"rules\":"
        + "[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"verbs\":[\"get\"]}]}";
    String aggregated = "{\"apiVersion\":\"rbac.authorization.k8s.io/v1\",\"kind\":\"ClusterRole\",\"metadata\":"
        + "{\"name\":\"drift-target\"},\"aggregationRule\":{\"clusterRoleSelectors\":[{\"matchLabels\":"
        + "{\"example.com/aggregate-to-drift\":\"true\"}}]},\"rules\":[]}";
    String warning = "aggregated ClusterRole drift-target in cluster context rbac-audit-test: its stored rules "
        + "differ from what its aggregationRule selects (1 rule missing, 0 rules extra)";
    // A real cluster whose controller keeps up has no drift, default aggregated roles (admin, edit, view) included.
    assertFalse(waitForNoDrift().contains("aggregated ClusterRole"));
    cluster.controllerManager(false);
    try {
      assertEquals(201, cluster.post(roles, selected).statusCode());
      assertEquals(201, cluster.post(roles, aggregated).statusCode());
      CliRun stalled = run(Map.of(), "scan", "--cluster", "--kubeconfig", kubeconfig().toString(), "--fail-on",
          "never");
      assertEquals(0, stalled.exit(), stalled::toString);
      assertTrue(stalled.err().contains(warning), stalled::toString);
      assertTrue(stalled.out().contains(warning), "the report carries the warning too\n" + stalled.out());
      cluster.controllerManager(true);
      assertFalse(waitForNoDrift().contains("drift-target"), "once the controller caught up, no warning");
    } finally {
      cluster.controllerManager(true);
      cluster.delete(roles + "/drift-target");
      cluster.delete(roles + "/drift-source");
    }
  }

  /** stderr of a cluster scan once no aggregation warning is left (the controller catches up within seconds). */
  private String waitForNoDrift() throws Exception {
    String err = "";
    for (int i = 0; i < 60; i++) {
      err = run(Map.of(), "scan", "--cluster", "--kubeconfig", kubeconfig().toString(), "--fail-on", "never").err();
      if (!err.contains("aggregated ClusterRole")) {
        return err;
      }
      Thread.sleep(500);
    }
    return err;
  }

  private static String coverage(JsonNode doc) {
    List<String> out = new ArrayList<>();
    doc.get("clusters").forEach(c -> out.add("\"" + c.get("coverage").asText() + "\""));
    return "[" + String.join(",", out) + "]";
  }

  private Path kubeconfig() {
    return kubeDir.resolve("admin.kubeconfig");
  }

  private CliRun clusterScan(Path kubeconfig, String... more) {
    List<String> args = new ArrayList<>(List.of("scan", "--cluster", "--kubeconfig", kubeconfig.toString(), "-o",
        "json"));
    args.addAll(List.of(more));
    CliRun r = run(Map.of(), args.toArray(String[]::new));
    assertEquals(0, r.exit(), r::toString);
    return r;
  }

  private Path tokenKubeconfig(String name, String token, Path ca) throws Exception {
    Path kc = work.resolve(name + ".kubeconfig");
    Files.writeString(kc, kubeconfigText(cluster.server, ca.toString(), "token: " + token));
    return kc;
  }

  private static String kubeconfigText(String server, String ca, String user) {
    return "apiVersion: v1\nkind: Config\nclusters:\n- name: live\n  cluster:\n    server: " + server
        + "\n    certificate-authority: " + ca + "\nusers:\n- name: live\n  user:\n    " + user
        + "\ncontexts:\n- name: live\n  context: {cluster: live, user: live}\ncurrent-context: live\n";
  }

  /** rule, subject and scope of every finding (suppressed or not): what must agree between the two scans. */
  private static Set<String> keys(CliRun json) throws Exception {
    JsonNode doc = new ObjectMapper().readTree(json.out());
    Set<String> keys = new TreeSet<>();
    for (JsonNode f : doc.get("findings")) {
      keys.add(key(f));
    }
    return keys;
  }

  private static String key(JsonNode f) {
    JsonNode s = f.get("subject");
    return f.get("rule").asText() + " " + s.path("kind").asText() + "/" + s.path("namespace").asText("")
        + "/" + s.path("name").asText() + " @" + f.path("namespace").asText("cluster-wide");
  }

  private static CliRun run(Map<String, String> env, String... args) {
    return CliRun.withEnv(env, args);
  }

  /** A self-signed CA that signed nothing the test server presents. */
  private static final String OTHER_CA =
      "-----BEGIN CERTIFICATE-----" + "\n"
      + "MIIBkDCCATegAwIBAgIUI8Md8JgcKraXCubYP+bMcP1x5n8wCgYIKoZIzj0EAwIw" + "\n"
      + "HTEbMBkGA1UEAwwSbm90LXRoZS1jbHVzdGVyLWNhMCAXDTI2MTEyOTEwMTIyOVoY" + "\n"
      + "DzIxMjYxMTA1MTAxMjI5WjAdMRswGQYDVQQDDBJub3QtdGhlLWNsdXN0ZXItY2Ew" + "\n"
      + "WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAAToZ546L5pIUbXLWnqeXsAfSbYhtkB3" + "\n"
      + "VbbW2Km8bE+tDXs8s0lXn3PSuJN+st/2cpaWbEoMzT1pAcWw0M/2bCZTo1MwUTAd" + "\n"
      + "BgNVHQ4EFgQU2DYVAprAIMN5tbzQOEaHyGP3iXAwHwYDVR0jBBgwFoAU2DYVAprA" + "\n"
      + "IMN5tbzQOEaHyGP3iXAwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBE" + "\n"
      + "AiBczMvYmYdIK+7wyA2dmeySvhw91jf363+PgLJfMBAD5AIgDcwJQendJ6QH2prg" + "\n"
      + "QFK3jpDcScXVgZtGk9vX9JQxMrE=" + "\n"
      + "-----END CERTIFICATE-----" + "\n";
}

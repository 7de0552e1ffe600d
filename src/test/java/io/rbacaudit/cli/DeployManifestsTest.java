package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.ClusterLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The in-cluster deployment in deploy/: it passes the tool's own scan at the strictest gate, and its ClusterRoles grant
 * exactly the lists ClusterLoader makes, nothing more (optional/ holds the one grant left out by default).
 */
class DeployManifestsTest {

  private static final Path DEPLOY = Path.of("deploy");

  private static List<Path> yaml(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> objects(List<Path> files) throws Exception {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Path f : files) {
      for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(f))) {
        if (doc instanceof Map<?, ?> m) {
          out.add((Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  @Test
  void theDeploymentPassesItsOwnScanAtFailOnLow() throws Exception {
    List<String> args = new ArrayList<>(List.of("scan"));
    yaml(DEPLOY).forEach(p -> args.add(p.toString()));
    args.addAll(List.of("--fail-on", "low", "--exclude-preset", "none"));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r::toString);
    assertTrue(r.out().startsWith("0 findings"), r::toString);
    assertEquals("", r.err(), r::toString);
  }

  @Test
  void theOptionalSecretsGrantIsReportedAsTheRiskItIs() throws Exception {
    List<String> args = new ArrayList<>(List.of("scan", "-o", "json"));
    yaml(DEPLOY).forEach(p -> args.add(p.toString()));
    args.add(DEPLOY.resolve("optional").toString());
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertEquals(1, r.exit(), r::toString);
    assertTrue(r.out().contains("\"rule\": \"RBAC-201\""), r::toString);
  }

  @Test
  void theClusterRolesGrantExactlyTheListsTheCollectorMakes() throws Exception {
    Set<String> main = listGrants(objects(yaml(DEPLOY)));
    Set<String> optional = listGrants(objects(yaml(DEPLOY.resolve("optional"))));
    Set<String> granted = new TreeSet<>(main);
    granted.addAll(optional);
    assertEquals(main.size() + optional.size(), granted.size(), "no resource granted twice: " + main + optional);
    assertEquals(new TreeSet<>(ClusterLoader.listedResources()), granted);
    // The one list that would let the token read Secret data stays opt-in (deploy/clusterrole.yaml says why).
    assertEquals(Set.of("/secrets"), optional);
  }

  /** Every ClusterRole's grants as group/resource; each rule must be list only, with no names and no URLs. */
  @SuppressWarnings("unchecked")
  private static Set<String> listGrants(List<Map<String, Object>> objects) {
    Set<String> out = new TreeSet<>();
    for (Map<String, Object> o : objects) {
      if (!"ClusterRole".equals(o.get("kind"))) {
        continue;
      }
      for (Map<String, Object> rule : (List<Map<String, Object>>) o.get("rules")) {
        assertEquals(List.of("list"), rule.get("verbs"), rule::toString);
        assertNull(rule.get("resourceNames"), rule::toString);
        assertNull(rule.get("nonResourceURLs"), rule::toString);
        for (Object group : (List<Object>) rule.get("apiGroups")) {
          for (Object resource : (List<Object>) rule.get("resources")) {
            assertTrue(out.add(group + "/" + resource), "granted twice: " + group + "/" + resource);
          }
        }
      }
    }
    return out;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCronJobIsHardenedAndOnlyItsPodGetsTheToken() throws Exception {
    List<Map<String, Object>> all = objects(yaml(DEPLOY));
    Set<String> serviceAccounts = new HashSet<>();
    for (Map<String, Object> o : all) {
      if ("ServiceAccount".equals(o.get("kind"))) {
        assertEquals(false, o.get("automountServiceAccountToken"), o::toString);
        serviceAccounts.add((String) ((Map<String, Object>) o.get("metadata")).get("name"));
      }
    }
    Map<String, Object> cronJob = all.stream().filter(o -> "CronJob".equals(o.get("kind"))).findFirst().orElseThrow();
    Map<String, Object> pod = (Map<String, Object>) at(cronJob, "spec", "jobTemplate", "spec", "template", "spec");
    assertTrue(serviceAccounts.contains((String) pod.get("serviceAccountName")));
    assertEquals(true, pod.get("automountServiceAccountToken"), "the scanner needs its token");
    assertEquals(true, at(pod, "securityContext", "runAsNonRoot"));
    assertEquals("RuntimeDefault", at(pod, "securityContext", "seccompProfile", "type"));
    for (Map<String, Object> c : (List<Map<String, Object>>) pod.get("containers")) {
      assertEquals(true, at(c, "securityContext", "readOnlyRootFilesystem"));
      assertEquals(false, at(c, "securityContext", "allowPrivilegeEscalation"));
      assertEquals(List.of("ALL"), at(c, "securityContext", "capabilities", "drop"));
      assertTrue(at(c, "resources", "limits", "memory") != null && at(c, "resources", "limits", "cpu") != null);
      List<String> args = (List<String>) c.get("args");
      assertTrue(args.contains("--in-cluster") && args.contains("--history"), args::toString);
      List<Object> mounts = (List<Object>) c.get("volumeMounts");
      assertTrue(mounts.toString().contains("mountPath=/tmp"), "a writable /tmp on a read-only root");
    }
    assertFalse(Files.readString(DEPLOY.resolve("clusterrole.yaml")).contains("secrets]"));
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> m, String... path) {
    Object x = m;
    for (String key : path) {
      x = x instanceof Map<?, ?> map ? ((Map<String, Object>) map).get(key) : null;
    }
    return x;
  }
}

package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RBAC-701 on its own fixtures (rules/escalation/RBAC-701-escalation-path, the convention of the rule catalogue:
 * a fail fixture yields findings, a pass fixture none, {@code # expect:} lines exactly), and on the corpus.
 */
class EscalationPathRuleTest {

  private static final Path RULE = Path.of("rules/escalation/RBAC-701-escalation-path");

  static RuleSpec spec(Map<String, Object> params) throws IOException {
    String yaml = Files.readString(RULE.resolve("rule.yaml"));
    assertTrue(yaml.contains("\ntemplate: " + EscalationPathTemplate.NAME + "\n"), "rule.yaml names the template");
    assertTrue(yaml.startsWith("id: RBAC-701\n"));
    return new RuleSpec("RBAC-701", "escalation-path", "Subject can reach cluster-admin", Severity.CRITICAL, null,
        "escalation", "", "", List.of(), EscalationPathTemplate.NAME, params, RULE.resolve("rule.yaml").toString());
  }

  static List<Finding> run(Inventory inputs, Map<String, Object> params) throws IOException {
    Inventory inv = KubernetesDefaults.apply(inputs, DefaultsMode.ROLES);
    ScanContext context = new ScanContext(inv, new Authorizer(inv), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
    return new EscalationPathTemplate().compile(spec(params)).run(context);
  }

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(RULE)) {
      return files.filter(p -> p.getFileName().toString().matches("(fail|pass)\\..*\\.yaml")).sorted().toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fixtureVerdicts(Path fixture) throws IOException {
    String text = Files.readString(fixture);
    assertTrue(text.startsWith("#"), "a fixture opens with a comment saying why");
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText(fixture.toString(), text);
    assertFalse(inv.hasErrors(), inv.problems().toString());
    List<Finding> findings = run(inv, Map.of("maxDepth", 6));
    TreeSet<String> actual = new TreeSet<>();
    for (Finding f : findings) {
      String subject = f.subject().kind() + "/" + (f.subject().namespace() == null ? "" : f.subject().namespace() + "/")
          + f.subject().name();
      actual.add("RBAC-701 " + subject + " namespace=" + (f.namespace() == null ? "-" : f.namespace())
          + " severity=" + f.severity().id());
    }
    TreeSet<String> expected = new TreeSet<>();
    text.lines().filter(l -> l.startsWith("# expect: ")).forEach(l -> expected.add(l.substring(10).trim()));
    if (fixture.getFileName().toString().startsWith("pass.")) {
      assertEquals(new TreeSet<>(), actual, "a pass fixture yields no RBAC-701 finding");
    } else {
      assertFalse(actual.isEmpty(), "a fail fixture yields an RBAC-701 finding");
      assertEquals(expected, actual);
    }
  }

  @Test
  void findingCarriesTheHopsGrantsAndWhereToCut() throws IOException {
    Path fixture = RULE.resolve("fail.operator-binds-cluster-admin.yaml");
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText(fixture.toString(), Files.readString(fixture));
    Finding f = run(inv, Map.of()).get(0);
    assertEquals("cluster-admin", f.key());
    assertEquals(null, f.namespace());
    assertTrue(f.message().startsWith("ServiceAccount operator/operator can reach cluster-admin equivalence in 1 hop: "
        + "1. bind-clusterrole to cluster-admin equivalence (create clusterrolebindings"), f.message());
    assertEquals(fixture + ":23", f.location().toString(), "the ClusterRoleBinding that grants the first hop");
    Evidence.GrantEvidence g = (Evidence.GrantEvidence) f.evidence().get(0);
    assertEquals("ClusterRoleBinding/operator", g.grant().binding().toString());
    assertEquals(List.of("Deployment/operator/operator"), f.workloads().stream().map(Object::toString).toList());
    assertFalse(f.defaultPolicy());
  }

  /** The steps as structure (for the HTML report's drawing and the JSON finding's hops): one chain, located. */
  @Test
  void findingCarriesItsPathAsStructuredSteps() throws IOException {
    Path fixture = RULE.resolve("fail.three-hop-chain-is-high.yaml");
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText(fixture.toString(), Files.readString(fixture));
    Finding f = run(inv, Map.of()).stream().filter(x -> x.subject().name().equals("web")).findFirst().orElseThrow();
    List<PathHop> path = f.path();
    assertEquals(3, path.stream().filter(PathHop::hop).count(), f.message());
    for (int i = 1; i < path.size(); i++) {
      assertEquals(path.get(i - 1).to(), path.get(i).from(), "each step starts where the one before ended");
    }
    assertEquals(f.subject().name(), path.get(0).from().name());
    assertEquals("Target", path.get(path.size() - 1).to().type());
    assertEquals("cluster-admin", path.get(path.size() - 1).to().name());
    for (PathHop h : path) {
      if (h.hop()) {
        assertTrue(f.message().contains(h.edge() + " to " + h.to().label()), h + " is the hop the message names");
        assertTrue(h.location() != null && h.location().file().equals(fixture.toString()), "located: " + h);
      }
    }
  }

  @Test
  void severityByTargetAndHops() {
    assertEquals(Severity.CRITICAL, EscalationPathTemplate.severity(Severity.CRITICAL, true, 2));
    assertEquals(Severity.HIGH, EscalationPathTemplate.severity(Severity.CRITICAL, true, 3));
    assertEquals(Severity.HIGH, EscalationPathTemplate.severity(Severity.CRITICAL, false, 1));
    assertEquals(Severity.MEDIUM, EscalationPathTemplate.severity(Severity.CRITICAL, false, 4));
    assertEquals(Severity.MEDIUM, EscalationPathTemplate.severity(Severity.HIGH, true, 5), "an override shifts all");
  }

  @Test
  void badParamsAreAllReportedAtOnce() throws IOException {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("maxDepth", 0);
    params.put("nodeAccess", "yes");
    params.put("depth", 3);
    RuleDefinitionException e = assertThrows(RuleDefinitionException.class,
        () -> new EscalationPathTemplate().compile(spec(params)));
    assertEquals(3, e.problems().size(), e.problems().toString());
    assertTrue(e.problems().get(0).contains("params.maxDepth: expected a whole number from 1 to 20"));
  }

  @Test
  void nodeAccessCanBeLeftOut() throws IOException {
    Path fixture = RULE.resolve("fail.privileged-agent-owns-node.yaml");
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText(fixture.toString(), Files.readString(fixture));
    assertEquals(List.of(), run(inv, Map.of("nodeAccess", false)));
  }

  /** examples/README.md plants two escalation paths (#4 and #14); the privileged log shipper is a third. */
  @Test
  void examplesPlantedPaths() throws IOException {
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).load(List.of("examples"));
    TreeSet<String> found = new TreeSet<>();
    for (Finding f : run(inv, Map.of())) {
      found.add(f.subject() + " " + f.severity() + " " + f.message().substring(f.message().indexOf(" in ") + 4,
          f.message().indexOf(" to ")));
    }
    assertEquals(new TreeSet<>(List.of(
        "Group/acme:platform-support critical 1 hop: 1. impersonate-serviceaccount",
        "ServiceAccount/ci/build-runner critical 1 hop: 1. workload-create-assume-sa",
        "ServiceAccount/monitoring/log-shipper critical 1 hop: 1. node-escape")), found);
  }

  @Test
  void calicoOperatorIsCriticalAndMetricsServerClean() throws IOException {
    Inventory calico = new ManifestLoader(LoadOptions.defaults(), null).load(List.of("src/test/resources/corpus/calico"));
    List<Finding> findings = run(calico, Map.of());
    Finding tigera = findings.stream().filter(f -> f.subject().name().equals("tigera-operator")).findFirst().orElseThrow();
    assertEquals(Severity.CRITICAL, tigera.severity());
    assertTrue(tigera.message().contains("1 hop: 1. bind-clusterrole"), tigera.message());
    Inventory metrics = new ManifestLoader(LoadOptions.defaults(), null)
        .load(List.of("src/test/resources/corpus/metrics-server"));
    assertEquals(List.of(), run(metrics, Map.of()));
  }
}

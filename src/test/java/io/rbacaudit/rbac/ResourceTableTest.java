package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.rbac.ResourceTable.Entry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled table of standard resources and how names are looked up in it. */
class ResourceTableTest {

  private static final ResourceTable TABLE = ResourceTable.standard();

  @ParameterizedTest(name = "{0} -> {1} (namespaced={2})")
  @CsvSource({
      "po, pods, true", "svc, services, true", "sa, serviceaccounts, true", "cm, configmaps, true",
      "ns, namespaces, false", "no, nodes, false", "pv, persistentvolumes, false",
      "pvc, persistentvolumeclaims, true", "rc, replicationcontrollers, true", "quota, resourcequotas, true",
      "limits, limitranges, true", "ep, endpoints, true", "ev, events, true", "cs, componentstatuses, false",
      "rs, replicasets.apps, true", "ds, daemonsets.apps, true", "sts, statefulsets.apps, true",
      "deploy, deployments.apps, true", "cj, cronjobs.batch, true", "hpa, horizontalpodautoscalers.autoscaling, true",
      "ing, ingresses.networking.k8s.io, true", "netpol, networkpolicies.networking.k8s.io, true",
      "pdb, poddisruptionbudgets.policy, true", "crd, customresourcedefinitions.apiextensions.k8s.io, false",
      "crds, customresourcedefinitions.apiextensions.k8s.io, false",
      "csr, certificatesigningrequests.certificates.k8s.io, false", "pc, priorityclasses.scheduling.k8s.io, false",
      "sc, storageclasses.storage.k8s.io, false", "vac, volumeattributesclasses.storage.k8s.io, false"})
  void shortNamesResolveToTheirResource(String shortName, String qualified, boolean namespaced) {
    Entry entry = TABLE.lookup(shortName, null).orElseThrow();
    assertEquals(qualified, entry.qualifiedName());
    assertEquals(namespaced, entry.namespaced());
  }

  @ParameterizedTest(name = "{0} has subresource {1}")
  @CsvSource({
      "pods, exec", "pods, attach", "pods, log", "pods, portforward", "pods, proxy", "pods, eviction",
      "pods, ephemeralcontainers", "pods, status", "pods, binding", "nodes, proxy", "nodes, status", "nodes, stats",
      "services, proxy", "services, status", "serviceaccounts, token", "deployments, scale",
      "statefulsets, scale", "replicationcontrollers, scale", "certificatesigningrequests, approval",
      "namespaces, finalize"})
  void knownSubresourcesAreListed(String resource, String subresource) {
    assertTrue(TABLE.lookup(resource, null).orElseThrow().subresources().contains(subresource));
  }

  @Test
  void everyGroupOfTheReleaseIsPresent() {
    Set<String> groups = TABLE.entries().stream().map(Entry::group).collect(Collectors.toSet());
    for (String group : List.of("", "apps", "batch", "autoscaling", "policy", "rbac.authorization.k8s.io",
        "networking.k8s.io", "storage.k8s.io", "apiextensions.k8s.io", "admissionregistration.k8s.io",
        "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "events.k8s.io",
        "flowcontrol.apiserver.k8s.io", "node.k8s.io", "scheduling.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "apiregistration.k8s.io", "resource.k8s.io", "storagemigration.k8s.io")) {
      assertTrue(groups.contains(group), "missing group " + group);
    }
  }

  @Test
  void impersonationTargetsHaveTheGroupsTheFilterChecks() {
    assertEquals("users", TABLE.lookup("users", "").orElseThrow().resource());
    assertEquals("groups", TABLE.lookup("groups", "").orElseThrow().resource());
    assertFalse(TABLE.lookup("users", null).orElseThrow().namespaced());
    assertEquals("authentication.k8s.io", TABLE.lookup("uids", null).orElseThrow().group());
    assertEquals("authentication.k8s.io", TABLE.lookup("userextras", null).orElseThrow().group());
    assertTrue(TABLE.lookup("serviceaccounts", "").orElseThrow().namespaced());
  }

  @Test
  void bareEventsIsCoreAndTheGroupReachesEventsK8sIo() {
    assertEquals("", TABLE.lookup("events", null).orElseThrow().group());
    assertEquals("", TABLE.lookup("event", null).orElseThrow().group());
    assertEquals("events.k8s.io", TABLE.lookup("events", "events.k8s.io").orElseThrow().group());
    assertEquals("events.k8s.io", TABLE.lookup("ev", "events.k8s.io").orElseThrow().group());
  }

  @Test
  void kindAndSingularMatchInAnyCase() {
    assertEquals("deployments", TABLE.lookup("Deployment", null).orElseThrow().resource());
    assertEquals("deployments", TABLE.lookup("DEPLOYMENT", "apps").orElseThrow().resource());
    assertEquals("networkpolicies", TABLE.lookup("networkpolicy", null).orElseThrow().resource());
  }

  @Test
  void aGroupRestrictsTheLookup() {
    assertTrue(TABLE.lookup("pods", "apps").isEmpty());
    assertTrue(TABLE.lookup("deployments", "").isEmpty());
    assertTrue(TABLE.lookup("widgets", null).isEmpty());
    assertTrue(TABLE.lookup("", null).isEmpty());
  }

  @Test
  void aFullNameAnywhereWinsOverAShortNameEarlier() {
    Entry early = new Entry("alphas", "", true, "Alpha", List.of("betas"), List.of());
    Entry late = new Entry("betas", "example.com", true, "Beta", List.of(), List.of());
    ResourceTable table = ResourceTable.of(List.of(early, late));
    assertSame(late, table.lookup("betas", null).orElseThrow());
    assertSame(early, table.lookup("betas", "").orElseThrow());
  }

  @Test
  void tableOrderDecidesBetweenGroups() {
    Entry first = new Entry("things", "a.example.com", true, "Thing", List.of(), List.of());
    Entry second = new Entry("things", "b.example.com", true, "Thing", List.of(), List.of());
    assertSame(first, ResourceTable.of(List.of(first, second)).lookup("things", null).orElseThrow());
    assertSame(second, ResourceTable.of(List.of(second, first)).lookup("things", null).orElseThrow());
  }

  @Test
  void namesAreUniqueWithinAGroup() {
    Set<String> seen = new HashSet<>();
    for (Entry e : TABLE.entries()) {
      Set<String> names = new HashSet<>(e.shortNames());
      names.add(e.resource());
      names.add(e.singular());
      for (String name : names) {
        assertTrue(seen.add(e.group() + "/" + name), "name used twice in group '" + e.group() + "': " + name);
      }
    }
  }

  @Test
  void standardIsLoadedOnce() {
    assertSame(ResourceTable.standard(), ResourceTable.standard());
    assertThrows(UnsupportedOperationException.class, () -> TABLE.entries().clear());
  }

  @Test
  void theDataFileParsesColumnsAndDashes() {
    ResourceTable table = ResourceTable.parse(List.of(
        "# comment", "", "pods  -  true  Pod  po  exec,log", "deployments\tapps\ttrue\tDeployment\tdeploy\t-"), "t");
    assertEquals(List.of(
        new Entry("pods", "", true, "Pod", List.of("po"), List.of("exec", "log")),
        new Entry("deployments", "apps", true, "Deployment", List.of("deploy"), List.of())), table.entries());
  }

  @Test
  void aMalformedDataFileFailsWithItsLine() {
    assertParseError(List.of("# c", "pods - true Pod po"), "t:2: expected 6 columns");
    assertParseError(List.of("pods - yes Pod po -"), "t:1: namespaced must be true or false");
    assertParseError(List.of("Pods - true Pod po -"), "t:1: resource names are lower case");
    assertParseError(List.of("pods - true Pod po -", "pods - true Pod - -"), "t:2: duplicate resource pods");
  }

  private static void assertParseError(List<String> lines, String message) {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResourceTable.parse(lines, "t"));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}

package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Shortest first, alternatives, depth limits, starting points, and the real corpus. */
class PathFinderTest {

  private static AccessGraph graph(String fixture) {
    Inventory inv = GraphFixtures.load(GraphFixtures.EDGES.resolve(fixture));
    return AccessGraph.build(inv, new Authorizer(inv));
  }

  private static AccessGraph corpus(String project) {
    Inventory inv = GraphFixtures.folder("src/test/resources/corpus/" + project);
    return AccessGraph.build(inv, new Authorizer(inv));
  }

  @Test
  void alternativesComeAfterTheShortestAndAreDistinct() {
    AccessGraph g = graph("chain-four-hops.yaml");
    List<EscalationPath> paths = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6)
        .paths(Subject.serviceAccount("a", "start"), 3);
    assertEquals(2, paths.size(), () -> EscalationFixturesTest.describe(paths));
    assertEquals(4, paths.get(0).hopCount());
    assertEquals(5, paths.get(1).hopCount());
    assertNotEquals(paths.get(0).hops(), paths.get(1).hops());
    assertEquals(List.of("pod-create-assume-sa", "token-request", "read-token-secret", "workload-patch-assume-sa",
            "impersonate-user"),
        paths.get(1).hops().stream().map(s -> s.kind().id()).toList().subList(0, 5));
  }

  @Test
  void maxDepthCutsLongerPaths() {
    AccessGraph g = graph("chain-four-hops.yaml");
    Subject start = Subject.serviceAccount("a", "start");
    assertEquals(List.of(), PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 3).paths(start, 3));
    assertEquals(1, PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 4).paths(start, 3).size());
    assertEquals(2, PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 5).paths(start, 3).size());
    assertEquals(Optional.of(4), PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6).hopsFrom(start));
  }

  @Test
  void aSubjectAlreadyEquivalentHasAPathWithoutHops() {
    AccessGraph g = graph("chain-three-hops.yaml");
    List<EscalationPath> paths = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6).paths(Subject.user("root"), 3);
    assertEquals(0, paths.get(0).hopCount());
    assertEquals(EdgeKind.EQUIVALENT, paths.get(0).steps().get(0).kind());
  }

  @Test
  void systemMastersIsClusterAdminWithoutAHop() {
    AccessGraph g = graph("impersonate-group.yaml");
    EscalationPath p = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6).paths(Subject.user("sudoer"), 1).get(0);
    assertEquals(List.of(EdgeKind.MEMBER_OF, EdgeKind.IMPERSONATE_GROUP, EdgeKind.EQUIVALENT).subList(1, 3),
        p.steps().stream().map(PathStep::kind).toList().subList(p.steps().size() - 2, p.steps().size()));
    assertEquals(Vertex.Identity.of(Subject.group("system:masters")), p.hops().get(0).to());
  }

  @Test
  void aHopIntoAChoiceEndsAtTheVertexChosen() {
    AccessGraph g = graph("pod-create-assume-sa.yaml");
    PathStep hop = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6)
        .paths(Subject.serviceAccount("ops", "dev"), 1).get(0).hops().get(0);
    assertEquals(Vertex.Identity.of(Subject.serviceAccount("ops", "admin")), hop.to());
    assertEquals(new Vertex.AnyServiceAccount("ops"), hop.through());
    assertEquals("create pods in namespace ops", hop.permit().permission().toString());
    assertEquals("RoleBinding/ops/dev-creates-pods", hop.permit().grant().binding().toString());
  }

  @Test
  void startingPointsAreWorkloadServiceAccountsAuthenticatedAndAnonymous() {
    AccessGraph g = graph("node-escape.yaml");
    assertEquals(List.of(Subject.user("system:anonymous"), Subject.group("system:authenticated"),
            Subject.serviceAccount("ops", "admin"), Subject.serviceAccount("web", "host-path"),
            Subject.serviceAccount("web", "plain"), Subject.serviceAccount("web", "privileged")),
        g.startingPoints());
    // A ServiceAccount starts from its workloads too: a compromised privileged pod owns its node.
    assertTrue(g.sources(Subject.serviceAccount("web", "privileged")).contains(
        new Vertex.Workload(new io.rbacaudit.model.ObjectRef("DaemonSet", "privileged", "web"))));
  }

  @Test
  void pathsAreTheSameOnEveryRun() {
    Subject start = Subject.serviceAccount("a", "start");
    Set<String> outcomes = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      AccessGraph g = graph("chain-four-hops.yaml");
      outcomes.add(EscalationFixturesTest.describe(PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6).paths(start, 3)));
    }
    assertEquals(1, outcomes.size());
  }

  @Test
  void calicoTigeraOperatorReachesClusterAdminInOneHop() {
    AccessGraph g = corpus("calico");
    PathFinder finder = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6);
    EscalationPath p = finder.paths(Subject.serviceAccount("tigera-operator", "tigera-operator"), 1).get(0);
    assertEquals(1, p.hopCount());
    assertEquals(EdgeKind.BIND_CLUSTERROLE, p.hops().get(0).kind());
    assertEquals("src/test/resources/corpus/calico/tigera-operator.yaml",
        p.hops().get(0).permit().grant().location().file());
  }

  @Test
  void metricsServerReachesNothing() {
    AccessGraph g = corpus("metrics-server");
    PathFinder finder = PathFinder.to(g, Vertex.Target.CLUSTER_ADMIN, 6);
    for (Subject s : g.startingPoints()) {
      assertEquals(List.of(), finder.paths(s, 3), s.toString());
    }
    assertFalse(g.startingPoints().isEmpty());
  }
}

package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Decision;
import io.rbacaudit.rbac.UserInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The graph reads capabilities from rules itself (for speed); here the authorizer confirms every edge: each
 * permission an identity's edge names is allowed for that identity, and the grant the edge cites is among those
 * that allow it.
 */
class EdgeProvenanceTest {

  static Stream<Path> inputs() throws IOException {
    List<Path> out = new ArrayList<>(EscalationFixturesTest.fixtures().toList());
    out.add(Path.of("src/test/resources/corpus/calico"));
    out.add(Path.of("src/test/resources/corpus/argo-cd"));
    out.add(Path.of("src/test/resources/corpus/kube-prometheus"));
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void everyEdgeIsAllowedByTheGrantItCites(Path input) {
    Inventory inv = input.toString().endsWith(".yaml")
        ? GraphFixtures.load(input) : GraphFixtures.folder(input.toString());
    Authorizer authorizer = new Authorizer(inv);
    AccessGraph graph = AccessGraph.build(inv, authorizer);
    int checked = 0;
    for (Edge e : graph.edges()) {
      if (!(e.source() instanceof Vertex.Identity id) || e.permit() == null) {
        continue;
      }
      UserInfo user = AccessGraph.userOf(id.subject());
      List<Permit> permits = new ArrayList<>(e.requires());
      permits.add(e.permit());
      for (Permit p : permits) {
        Decision d = authorizer.authorize(user, p.permission());
        assertTrue(d.allowed(), () -> e + "\nnot allowed for " + user + ": " + p.permission());
        assertTrue(d.grants().contains(p.grant()), () -> e + "\ncites a grant that does not allow " + p.permission());
        checked++;
      }
    }
    assertTrue(checked > 0 || !input.toString().contains("corpus"), "nothing checked in " + input);
  }
}

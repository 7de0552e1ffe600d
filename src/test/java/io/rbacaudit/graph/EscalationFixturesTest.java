package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture in src/test/resources/graph/edges states in its header what must and must not be reachable:
 * {@code # expect: FROM -> TO hops=N [edges=k1,k2,...]} (the shortest path has N hops, of these kinds) or
 * {@code # expect: FROM -> TO none}.
 */
class EscalationFixturesTest {

  record Expectation(Subject from, Vertex to, Integer hops, List<String> edges, String line) {}

  static Stream<Path> fixtures() throws IOException {
    try (Stream<Path> files = Files.list(GraphFixtures.EDGES)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static List<Expectation> expectations(Path file) throws IOException {
    List<Expectation> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.startsWith("# expect:")) {
        continue;
      }
      String[] parts = line.substring("# expect:".length()).trim().split("\\s+");
      assertEquals("->", parts[1], line);
      Subject from = GraphFixtures.subject(parts[0]);
      Vertex to = GraphFixtures.target(parts[2]);
      if (parts[3].equals("none")) {
        out.add(new Expectation(from, to, null, List.of(), line));
        continue;
      }
      int hops = Integer.parseInt(parts[3].substring("hops=".length()));
      List<String> edges = parts.length > 4 ? List.of(parts[4].substring("edges=".length()).split(",")) : null;
      out.add(new Expectation(from, to, hops, edges, line));
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void shortestPathsAreAsStated(Path file) throws IOException {
    Inventory inv = GraphFixtures.load(file);
    List<Expectation> expected = expectations(file);
    List<Subject> extra = new ArrayList<>();
    for (Expectation e : expected) {
      extra.add(e.from());
      if (e.to() instanceof Vertex.Identity id) {
        extra.add(id.subject());
      }
    }
    AccessGraph graph = AccessGraph.build(inv, new Authorizer(inv), extra);
    for (Expectation e : expected) {
      List<EscalationPath> paths = PathFinder.to(graph, e.to(), 6).paths(e.from(), 1);
      if (e.hops() == null) {
        assertTrue(paths.isEmpty(), () -> e.line() + "\nbut found:\n" + describe(paths));
        continue;
      }
      assertFalse(paths.isEmpty(), e.line() + ": no path");
      EscalationPath p = paths.get(0);
      assertEquals(e.hops(), p.hopCount(), () -> e.line() + "\n" + describe(paths));
      if (e.edges() != null) {
        assertEquals(e.edges(), p.hops().stream().map(s -> s.kind().id()).toList(), () -> e.line() + "\n" + describe(paths));
      }
    }
  }

  /** Each fixture shows a path that exists and one that does not. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void everyFixtureHasPositiveAndNegativeCases(Path file) throws IOException {
    List<Expectation> e = expectations(file);
    assertTrue(e.stream().anyMatch(x -> x.hops() != null), file + " has no path expected");
    if (!file.getFileName().toString().startsWith("chain-") && !file.getFileName().toString().equals("groups.yaml")) {
      assertTrue(e.stream().anyMatch(x -> x.hops() == null), file + " has no negative case");
    }
  }

  /** Every hop kind of spec/escalation.md (and node-escape) is the first hop of some fixture's expected path. */
  @Test
  void everyHopKindHasAFixture() throws IOException {
    Set<EdgeKind> seen = EnumSet.noneOf(EdgeKind.class);
    for (Path f : fixtures().toList()) {
      for (Expectation e : expectations(f)) {
        if (e.edges() != null) {
          e.edges().forEach(id -> seen.add(kind(id)));
        }
      }
    }
    Set<EdgeKind> hops = EnumSet.noneOf(EdgeKind.class);
    for (EdgeKind k : EdgeKind.values()) {
      if (k.isHop() && k != EdgeKind.READ_ALL_SECRETS) {
        hops.add(k);
      }
    }
    hops.removeAll(seen);
    assertEquals(Set.of(), hops, "hop kinds without a fixture");
  }

  private static EdgeKind kind(String id) {
    for (EdgeKind k : EdgeKind.values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown edge kind " + id);
  }

  static String describe(List<EscalationPath> paths) {
    StringBuilder sb = new StringBuilder();
    for (EscalationPath p : paths) {
      sb.append(p.hopCount()).append(" hops:\n");
      for (PathStep s : p.steps()) {
        sb.append("  ").append(s.kind()).append(' ').append(s.from().label()).append(" -> ").append(s.to().label())
            .append(s.permit() == null ? "" : " [" + s.permit().permission() + "]").append('\n');
      }
    }
    return sb.toString();
  }
}

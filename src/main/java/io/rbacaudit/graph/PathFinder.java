package io.rbacaudit.graph;

import io.rbacaudit.model.Subject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Paths to one target, fewest hops first. One search backwards from the target (a 0-1 breadth-first search: hops
 * cost 1, steps 0) gives every vertex its exact distance in O(V + E); a shortest path from any subject then follows
 * the distances down in O(hops x degree). Alternatives are found Lawler-style: deviate from an accepted path at
 * each of its vertices, finish along the distances, and keep the best candidates whose vertex sequences are new.
 * Alternatives are simple paths, shortest among those found, not an exhaustive k-shortest enumeration.
 */
public final class PathFinder {

  /** Bound on search steps when a suffix must avoid a path's prefix (ties among equal-distance edges). */
  private static final int SUFFIX_BUDGET = 1_000;

  private static final Comparator<Edge> EDGE_ORDER = Comparator.comparing(Edge::kind)
      .thenComparing(Edge::target, Vertex.ORDER);

  private final AccessGraph graph;
  private final Vertex target;
  private final int maxDepth;
  private final Map<Vertex, Integer> distance = new HashMap<>();
  private final Map<Vertex, List<Edge>> useful = new HashMap<>();

  private PathFinder(AccessGraph graph, Vertex target, int maxDepth) {
    this.graph = graph;
    this.target = target;
    this.maxDepth = maxDepth;
    if (graph.contains(target)) {
      searchBackwards();
    }
  }

  /** Searches backwards from {@code target}; paths longer than {@code maxDepth} hops are not found. */
  public static PathFinder to(AccessGraph graph, Vertex target, int maxDepth) {
    if (maxDepth < 0) {
      throw new IllegalArgumentException("maxDepth must be >= 0");
    }
    return new PathFinder(graph, target, maxDepth);
  }

  private void searchBackwards() {
    Deque<Vertex> queue = new ArrayDeque<>();
    distance.put(target, 0);
    queue.add(target);
    while (!queue.isEmpty()) {
      Vertex v = queue.pollFirst();
      int d = distance.get(v);
      for (Edge e : graph.incoming(v)) {
        if (e.kind().category() == EdgeKind.Category.STRUCTURE) {
          continue;
        }
        int nd = d + e.weight();
        Integer old = distance.get(e.source());
        if (nd <= maxDepth && (old == null || nd < old)) {
          distance.put(e.source(), nd);
          if (e.weight() == 0) {
            queue.addFirst(e.source());
          } else {
            queue.addLast(e.source());
          }
        }
      }
    }
  }

  /** The fewest hops from the subject to the target, if within the depth. */
  public Optional<Integer> hopsFrom(Subject from) {
    return graph.sources(from).stream().map(distance::get).filter(d -> d != null).min(Integer::compare);
  }

  /** Up to {@code maxPaths} paths from the subject, the shortest first. */
  public List<EscalationPath> paths(Subject from, int maxPaths) {
    List<Vertex> sources = graph.sources(from);
    sources.removeIf(v -> !distance.containsKey(v) || v.equals(target));
    if (sources.isEmpty() || maxPaths < 1) {
      return List.of();
    }
    // A walk that comes back to another source (a workload's own ServiceAccount) repeats what starting there gives.
    Set<Vertex> starts = Set.copyOf(graph.sources(from));
    PriorityQueue<Candidate> queue = new PriorityQueue<>();
    for (Vertex s : sources) {
      List<Edge> suffix = suffix(s, starts);
      if (suffix != null) {
        queue.add(new Candidate(s, suffix, 0, queue.size()));
      }
    }
    List<EscalationPath> out = new ArrayList<>();
    Set<List<Vertex>> seenWalks = new HashSet<>();
    Set<List<Object>> seenHops = new HashSet<>();
    while (!queue.isEmpty() && out.size() < maxPaths) {
      Candidate c = queue.poll();
      if (!seenWalks.add(c.vertices())) {
        continue;
      }
      deviations(c, maxPaths, starts, queue);
      EscalationPath path = PathFolding.fold(from, target, c.edges);
      if (seenHops.add(hopSignature(path))) {
        out.add(path); // the same hops reached through other free steps are one path to a reader
      }
    }
    return out;
  }

  private static List<Object> hopSignature(EscalationPath p) {
    List<Object> out = new ArrayList<>();
    for (PathStep s : p.hops()) {
      out.add(List.of(s.from(), s.to(), s.kind()));
    }
    return out;
  }

  /** Candidates that leave {@code c} at one of its vertices from its own deviation point on. */
  private void deviations(Candidate c, int maxPaths, Set<Vertex> starts, PriorityQueue<Candidate> queue) {
    List<Vertex> vertices = c.vertices();
    int prefixCost = 0;
    for (int i = 0; i < c.edges.size(); i++) {
      Edge taken = c.edges.get(i);
      Vertex spur = vertices.get(i);
      // Once the target is free from here (already equivalent), a further hop only makes a longer path.
      if (i >= c.deviation && distance.get(spur) > 0) {
        Set<Vertex> prefix = new HashSet<>(vertices.subList(0, i + 1));
        prefix.addAll(starts);
        int found = 0;
        for (Edge e : useful(spur)) {
          if (found >= maxPaths || prefixCost + e.weight() + distance.get(e.target()) > maxDepth) {
            break;
          }
          if (e.target().equals(taken.target()) || prefix.contains(e.target())) {
            continue;
          }
          prefix.add(e.target());
          List<Edge> suffix = suffix(e.target(), prefix);
          prefix.remove(e.target());
          if (suffix != null) {
            List<Edge> edges = new ArrayList<>(c.edges.subList(0, i));
            edges.add(e);
            edges.addAll(suffix);
            queue.add(new Candidate(c.start, edges, i + 1, queue.size()));
            found++;
          }
        }
      }
      prefixCost += taken.weight();
    }
  }

  /**
   * A shortest path from {@code from} to the target that avoids {@code avoid}, following the distances down; null
   * when every such way runs into {@code avoid}.
   */
  private List<Edge> suffix(Vertex from, Set<Vertex> avoid) {
    List<Edge> path = new ArrayList<>();
    return descend(from, new HashSet<>(avoid), path, new int[] {SUFFIX_BUDGET}) ? path : null;
  }

  private boolean descend(Vertex v, Set<Vertex> visited, List<Edge> path, int[] budget) {
    if (v.equals(target)) {
      return true;
    }
    int d = distance.get(v);
    for (Edge e : useful(v)) {
      if (e.weight() + distance.get(e.target()) != d) {
        break; // sorted by what remains: no later edge lies on a shortest way
      }
      if (visited.contains(e.target()) || budget[0]-- <= 0) {
        continue;
      }
      visited.add(e.target());
      path.add(e);
      if (descend(e.target(), visited, path, budget)) {
        return true;
      }
      path.remove(path.size() - 1);
      visited.remove(e.target());
    }
    return false;
  }

  /**
   * The edges out of {@code v} that lead to the target within the depth, cheapest remainder first; ties in a stable
   * order (edge kind, then target; parallel grants in input order).
   */
  private List<Edge> useful(Vertex v) {
    return useful.computeIfAbsent(v, k -> {
      List<Edge> edges = new ArrayList<>();
      for (Edge e : graph.outgoing(k)) {
        if (e.kind().category() != EdgeKind.Category.STRUCTURE && distance.containsKey(e.target())) {
          edges.add(e);
        }
      }
      edges.sort(Comparator.comparingInt((Edge e) -> e.weight() + distance.get(e.target())).thenComparing(EDGE_ORDER));
      return edges;
    });
  }

  /** A path under consideration; {@code deviation} is the first edge index it may still leave at. */
  private static final class Candidate implements Comparable<Candidate> {
    final Vertex start;
    final List<Edge> edges;
    final int deviation;
    final int order;
    final int cost;

    Candidate(Vertex start, List<Edge> edges, int deviation, int order) {
      this.start = start;
      this.edges = List.copyOf(edges);
      this.deviation = deviation;
      this.order = order;
      this.cost = edges.stream().mapToInt(Edge::weight).sum();
    }

    List<Vertex> vertices() {
      List<Vertex> out = new ArrayList<>(edges.size() + 1);
      out.add(start);
      edges.forEach(e -> out.add(e.target()));
      return out;
    }

    @Override
    public int compareTo(Candidate o) {
      int c = Integer.compare(cost, o.cost);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(edges.size(), o.edges.size());
      return c != 0 ? c : Integer.compare(order, o.order);
    }
  }
}

package io.rbacaudit.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.LayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.LayoutModel2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.traverse.BreadthFirstIterator;

/**
 * Coordinates for drawing escalation paths: one column per step away from the first vertex (breadth-first depth),
 * vertices stacked in a column in the order of the mean row of their predecessors (the barycenter heuristic), so a
 * single path is a straight chain and several paths of one subject merge where they share vertices. jgrapht has no
 * layered layout, so this is one, on its {@link LayoutAlgorithm2D} model.
 *
 * @param <V> vertex keys: equal keys are one vertex
 */
public final class PathLayout<V> implements LayoutAlgorithm2D<V, PathLayout.Step<V>> {

  /** Distance between columns and between rows, in the drawing's units. */
  public static final double COLUMN = 400;
  public static final double ROW = 90;

  /** A directed step between two vertex keys; steps are compared by identity, so parallel steps stay apart. */
  public static final class Step<V> {
    final V from;
    final V to;

    public Step(V from, V to) {
      this.from = from;
      this.to = to;
    }
  }

  /** A laid-out vertex: its key and the centre of its box. */
  public record Placed<V>(V key, double x, double y) {}

  /** The drawing: vertices in first-seen order, and the size of the box that holds them. */
  public record Drawing<V>(List<Placed<V>> vertices, double width, double height) {}

  private final V root;

  private PathLayout(V root) {
    this.root = root;
  }

  /**
   * Lays out steps given as (from, to) pairs of keys; the first step's {@code from} is the root (the subject).
   *
   * @param from the key of a step's start
   * @param to the key of a step's end
   */
  public static <S, V> Drawing<V> of(List<S> steps, Function<S, V> from, Function<S, V> to) {
    if (steps.isEmpty()) {
      return new Drawing<>(List.of(), 0, 0);
    }
    Graph<V, Step<V>> g = new DirectedPseudograph<>(null, null, false);
    for (S s : steps) {
      V a = from.apply(s);
      V b = to.apply(s);
      g.addVertex(a);
      g.addVertex(b);
      g.addEdge(a, b, new Step<>(a, b));
    }
    V root = from.apply(steps.get(0));
    Map<V, Integer> depth = depths(g, root);
    int columns = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    int rows = 0;
    Map<Integer, Integer> perColumn = new HashMap<>();
    for (int d : depth.values()) {
      rows = Math.max(rows, perColumn.merge(d, 1, Integer::sum));
    }
    Box2D box = Box2D.of(columns * COLUMN, rows * ROW);
    LayoutModel2D<V> model = new MapLayoutModel2D<>(box);
    new PathLayout<>(root).layout(g, model);
    List<Placed<V>> placed = new ArrayList<>();
    for (V v : g.vertexSet()) {
      Point2D p = model.get(v);
      placed.add(new Placed<>(v, p.getX(), p.getY()));
    }
    return new Drawing<>(placed, box.getWidth(), box.getHeight());
  }

  @Override
  public void layout(Graph<V, Step<V>> graph, LayoutModel2D<V> model) {
    Map<V, Integer> depth = depths(graph, root);
    Map<Integer, List<V>> columns = new LinkedHashMap<>();
    graph.vertexSet().forEach(v -> columns.computeIfAbsent(depth.get(v), k -> new ArrayList<>()).add(v));
    Map<V, Double> row = new HashMap<>();
    for (int d : new TreeSet<>(columns.keySet())) {
      List<V> column = columns.get(d);
      if (d > 0) {
        // Stable sort: vertices with the same barycenter keep their first-seen order.
        column.sort(Comparator.comparingDouble(v -> barycenter(graph, v, row)));
      }
      for (int i = 0; i < column.size(); i++) {
        V v = column.get(i);
        row.put(v, (double) i);
        model.put(v, Point2D.of(d * COLUMN + COLUMN / 2, i * ROW + ROW / 2));
      }
    }
  }

  /** Breadth-first depth from the root; vertices it cannot reach go one column past the deepest. */
  static <V, E> Map<V, Integer> depths(Graph<V, E> g, V root) {
    Map<V, Integer> depth = new LinkedHashMap<>();
    BreadthFirstIterator<V, E> it = new BreadthFirstIterator<>(g, root);
    while (it.hasNext()) {
      V v = it.next();
      depth.put(v, it.getDepth(v));
    }
    int past = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    for (V v : g.vertexSet()) {
      depth.putIfAbsent(v, past);
    }
    return depth;
  }

  private static <V> double barycenter(Graph<V, Step<V>> g, V v, Map<V, Double> placedRows) {
    double sum = 0;
    int n = 0;
    for (Step<V> s : g.incomingEdgesOf(v)) {
      Double r = placedRows.get(s.from);
      if (r != null) {
        sum += r;
        n++;
      }
    }
    return n == 0 ? Double.MAX_VALUE : sum / n;
  }
}

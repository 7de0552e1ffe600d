package io.rbacaudit.graph;

import io.rbacaudit.rbac.Grant;
import java.io.Writer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.BaseExporter;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;
import org.jgrapht.nio.json.JSONExporter;

/**
 * The whole access graph for Graphviz (DOT), Gephi or yEd (GraphML) or a graph database (JSON), through jgrapht-io.
 * Every vertex carries type, name, namespace and label; every edge its kind, category, permission and grant with
 * file:line, so an imported graph explains itself.
 */
public final class GraphExporter {

  /** The formats of {@code graph --format}. */
  public enum Format {
    DOT,
    GRAPHML,
    JSON
  }

  private static final String[] VERTEX_KEYS = {"type", "name", "namespace", "label"};
  private static final String[] EDGE_KEYS = {"kind", "category", "permission", "binding", "role", "rule", "location",
      "requires", "detail", "label"};

  private GraphExporter() {}

  public static void export(AccessGraph graph, Format format, Writer out) {
    Map<Vertex, String> ids = new HashMap<>();
    for (Vertex v : graph.jgrapht().vertexSet()) {
      ids.put(v, "n" + ids.size());
    }
    Map<Edge, String> edgeIds = new HashMap<>();
    for (Edge e : graph.jgrapht().edgeSet()) {
      edgeIds.put(e, "e" + edgeIds.size());
    }
    boolean dot = format == Format.DOT;
    switch (format) {
      case DOT -> write(new DOTExporter<>(ids::get), edgeIds, dot, graph, out);
      case GRAPHML -> write(graphMl(ids::get), edgeIds, dot, graph, out);
      case JSON -> write(new JSONExporter<>(ids::get), edgeIds, dot, graph, out);
    }
  }

  private static <X extends BaseExporter<Vertex, Edge> & org.jgrapht.nio.GraphExporter<Vertex, Edge>> void write(
      X exporter, Map<Edge, String> edgeIds, boolean dot, AccessGraph graph, Writer out) {
    exporter.setEdgeIdProvider(edgeIds::get);
    exporter.setVertexAttributeProvider(v -> attributes(vertexAttributes(v), dot));
    exporter.setEdgeAttributeProvider(e -> attributes(edgeAttributes(e), dot));
    exporter.exportGraph(graph.jgrapht(), out);
  }

  private static GraphMLExporter<Vertex, Edge> graphMl(Function<Vertex, String> ids) {
    GraphMLExporter<Vertex, Edge> g = new GraphMLExporter<>(ids);
    for (String k : VERTEX_KEYS) {
      g.registerAttribute(k, GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
    }
    for (String k : EDGE_KEYS) {
      g.registerAttribute(k, GraphMLExporter.AttributeCategory.EDGE, AttributeType.STRING);
    }
    return g;
  }

  static Map<String, String> vertexAttributes(Vertex v) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("type", v.type());
    a.put("name", v.name());
    a.put("namespace", v.namespace());
    a.put("label", v.label());
    return a;
  }

  static Map<String, String> edgeAttributes(Edge e) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("kind", e.kind().id());
    a.put("category", e.kind().category().name().toLowerCase(Locale.ROOT));
    String permission = e.permit() == null ? null : e.permit().permission().toString();
    a.put("permission", permission);
    Grant g = e.permit() == null ? null : e.permit().grant();
    if (g != null) {
      a.put("binding", g.binding().toString());
      a.put("role", g.role().toString());
      a.put("rule", String.valueOf(g.ruleIndex()));
      a.put("location", g.location().toString());
    }
    if (!e.requires().isEmpty()) {
      a.put("requires", e.requires().stream().map(p -> p.permission().toString()).collect(Collectors.joining("; ")));
    }
    a.put("detail", e.detail());
    a.put("label", permission == null ? e.kind().id() : e.kind().id() + "\n" + permission);
    return a;
  }

  /**
   * Non-null values as string attributes. Control characters (invalid in XML) are dropped; for DOT, whose exporter
   * escapes only double quotes, backslashes are doubled and line breaks written as {@code \n}.
   */
  private static Map<String, Attribute> attributes(Map<String, String> values, boolean dot) {
    Map<String, Attribute> out = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (v != null) {
        out.put(k, DefaultAttribute.createAttribute(clean(v, dot)));
      }
    });
    return out;
  }

  static String clean(String s, boolean dot) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && dot) {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append(dot ? "\\n" : "\n");
      } else if (c >= 0x20 && c != 0x7f && c != 0xfffe && c != 0xffff) {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}

package io.rbacaudit.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathStep;
import io.rbacaudit.graph.Permit;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.report.JsonShapes.GrantJson;
import io.rbacaudit.report.JsonShapes.ProblemJson;
import io.rbacaudit.report.JsonShapes.SubjectJson;
import java.util.List;

/**
 * The JSON of {@code paths} (DESIGN.md section 5): {@code {"paths": [{"from", "target", "hops": [...]}]}}, each hop
 * with from, to, edge, permission and grant. {@code steps} adds the free steps (membership, runs-as) in order.
 */
public final class PathShapes {

  private PathShapes() {}

  public record VertexJson(String type, String name, String namespace) {
    public static VertexJson of(Vertex v) {
      return v == null ? null : new VertexJson(v.type(), v.name(), v.namespace());
    }
  }

  /** A request: a resource request has {@code path} null; a URL request has only verb and path. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PermissionJson(
      String verb, String apiGroup, String resource, String subresource, String namespace, String name, String path) {
    public static PermissionJson of(Request r) {
      if (r == null) {
        return null;
      }
      if (!r.isResourceRequest()) {
        return new PermissionJson(r.verb(), null, null, null, null, null, r.path());
      }
      return new PermissionJson(r.verb(), r.apiGroup(), r.resource(), r.subresource(), r.namespace(), r.name(), null);
    }
  }

  /** A further request a hop needs, with its grant (null when the previous hop obtained it). */
  public record PermitJson(PermissionJson permission, GrantJson grant) {
    public static PermitJson of(Permit p) {
      return new PermitJson(PermissionJson.of(p.permission()), p.grant() == null ? null : GrantJson.of(p.grant()));
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record HopJson(VertexJson from, VertexJson to, String edge, PermissionJson permission, GrantJson grant,
      List<PermitJson> requires, VertexJson through, String detail, Boolean hop) {

    /** @param withFlag whether to say if this is a hop (in {@code steps}, which mixes hops and free steps) */
    public static HopJson of(PathStep s, boolean withFlag) {
      Permit p = s.permit();
      return new HopJson(VertexJson.of(s.from()), VertexJson.of(s.to()), s.kind().id(),
          p == null ? null : PermissionJson.of(p.permission()),
          p == null || p.grant() == null ? null : GrantJson.of(p.grant()),
          s.requires().stream().map(PermitJson::of).toList(),
          VertexJson.of(s.through()), s.detail(), withFlag ? s.isHop() : null);
    }
  }

  /** @param target {@code "cluster-admin"} (or another target's name), or a Subject */
  public record PathJson(SubjectJson from, Object target, int hopCount, List<HopJson> hops, List<HopJson> steps) {
    public static PathJson of(EscalationPath p) {
      return new PathJson(SubjectJson.of(p.from()), PathShapes.target(p.target()), p.hopCount(),
          p.hops().stream().map(s -> HopJson.of(s, false)).toList(),
          p.steps().stream().map(s -> HopJson.of(s, true)).toList());
    }
  }

  static Object target(Vertex v) {
    if (v instanceof Vertex.Identity id) {
      return SubjectJson.of(id.subject());
    }
    return v instanceof Vertex.Target t ? t.kind().id() : VertexJson.of(v);
  }

  public record PathQueryJson(SubjectJson from, Object to, int maxDepth, int maxPaths) {
    public static PathQueryJson of(Subject from, Vertex to, int maxDepth, int maxPaths) {
      return new PathQueryJson(from == null ? null : SubjectJson.of(from), target(to), maxDepth, maxPaths);
    }
  }

  public record PathsJson(PathQueryJson query, List<PathJson> paths, List<ProblemJson> problems) {}
}

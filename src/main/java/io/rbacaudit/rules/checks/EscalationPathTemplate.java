package io.rbacaudit.rules.checks;

import io.rbacaudit.graph.AccessGraph;
import io.rbacaudit.graph.EdgeKind;
import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathFinder;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * RBAC-701: every subject (named in a binding, a ServiceAccount that workloads run as, system:authenticated,
 * system:anonymous) that reaches cluster-admin equivalence through at least one hop; failing that, node access
 * (every token on a node). One finding per subject, keyed by the target, with the shortest path's hops as message
 * and evidence. A subject that is already equivalent is RBAC-101's business; a member whose shortest path starts
 * with its group's grant is left to the group's own finding, so that one group does not flag all its members.
 *
 * <p>Severity, from the rule's own severity S: cluster-admin in 1 or 2 hops S, in 3 or more one step lower; node
 * access in 1 or 2 hops one step lower than S, in 3 or more two steps lower.
 *
 * <p>Params: {@code maxDepth} (1 to 20, default 6): longest path searched; {@code nodeAccess} (default true): also
 * report subjects that reach node access only.
 */
public final class EscalationPathTemplate implements Template {

  public static final String NAME = "escalation-path";
  static final int DEFAULT_MAX_DEPTH = 6;
  static final int MAX_DEPTH_LIMIT = 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean heavy() {
    return true;
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader params = new ParamReader(spec);
    int maxDepth = params.integer("maxDepth", DEFAULT_MAX_DEPTH, 1, MAX_DEPTH_LIMIT);
    boolean nodeAccess = params.bool("nodeAccess", true);
    params.finish();
    return context -> findings(spec, context, maxDepth, nodeAccess);
  }

  private static List<Finding> findings(RuleSpec spec, ScanContext context, int maxDepth, boolean nodeAccess) {
    AccessGraph graph = AccessGraph.build(context.inventory(), context.authorizer());
    PathFinder admin = PathFinder.to(graph, Vertex.Target.CLUSTER_ADMIN, maxDepth);
    PathFinder node = nodeAccess ? PathFinder.to(graph, Vertex.Target.NODE_ACCESS, maxDepth) : null;
    EscalationFinding reporter = new EscalationFinding(spec, context);
    List<Finding> out = new ArrayList<>();
    for (Subject s : graph.subjects()) {
      List<EscalationPath> paths = admin.paths(s, 1);
      boolean clusterAdmin = !paths.isEmpty();
      if (!clusterAdmin && node != null) {
        paths = node.paths(s, 1);
      }
      if (!paths.isEmpty() && reportable(paths.get(0))) {
        out.add(reporter.finding(paths.get(0), severity(spec.severity(), clusterAdmin, paths.get(0).hopCount())));
      }
    }
    return out;
  }

  /** At least one hop, and the first made with the subject's own grants rather than a group's. */
  static boolean reportable(EscalationPath p) {
    return p.hopCount() > 0 && p.steps().get(0).kind() != EdgeKind.MEMBER_OF;
  }

  static Severity severity(Severity base, boolean clusterAdmin, int hops) {
    Severity s = clusterAdmin ? base : base.lower();
    return hops <= 2 ? s : s.lower();
  }
}

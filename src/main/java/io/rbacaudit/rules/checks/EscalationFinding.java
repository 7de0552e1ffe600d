package io.rbacaudit.rules.checks;

import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathStep;
import io.rbacaudit.graph.Permit;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.PathHop;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a path into an RBAC-701 finding: where to cut it, the grants of its hops, and the hops in words. */
final class EscalationFinding {

  private final RuleSpec spec;
  private final ScanContext context;
  private final Map<ObjectRef, Binding> bindings = new HashMap<>();
  private final Map<ObjectRef, Workload> workloads = new HashMap<>();

  EscalationFinding(RuleSpec spec, ScanContext context) {
    this.spec = spec;
    this.context = context;
    context.inventory().bindings().forEach(b -> bindings.put(b.ref(), b));
    context.inventory().workloads().forEach(w -> workloads.put(w.ref(), w));
  }

  Finding finding(EscalationPath path, Severity severity) {
    Subject s = path.from();
    List<Grant> grants = new ArrayList<>();
    List<Evidence> evidence = new ArrayList<>();
    for (PathStep hop : path.hops()) {
      List<Permit> permits = new ArrayList<>();
      if (hop.permit() != null) {
        permits.add(hop.permit());
      }
      permits.addAll(hop.requires());
      for (Permit p : permits) {
        if (p.grant() != null && !grants.contains(p.grant())) {
          grants.add(p.grant());
          evidence.add(new Evidence.GrantEvidence(p.grant()));
        }
      }
      if (hop.from() instanceof Vertex.Workload w && workloads.containsKey(w.ref())) {
        evidence.add(new Evidence.ObjectEvidence(w.ref(), workloads.get(w.ref()).meta().location(), hop.detail()));
      }
    }
    Set<Location> related = new LinkedHashSet<>();
    grants.forEach(g -> related.add(g.location()));
    List<ObjectRef> runningAs = s.kind() == SubjectKind.SERVICE_ACCOUNT
        ? context.workloadsRunningAs(s.namespace(), s.name()).stream().map(Workload::ref).toList()
        : List.of();
    return new Finding(spec, severity, message(path), new ObjectRef(s.kind().kubeName(), s.name(), s.namespace()),
        null, path.target().name(), whereToCut(path), List.copyOf(related), evidence, runningAs, false,
        !grants.isEmpty() && grants.stream().allMatch(this::isUnchangedDefault), steps(path));
  }

  /** Every step, free ones included, so the hops join up into one chain from the subject to the target. */
  private List<PathHop> steps(EscalationPath path) {
    List<PathHop> out = new ArrayList<>(path.steps().size());
    for (PathStep step : path.steps()) {
      out.add(new PathHop(point(step.from()), point(step.to()), step.kind().id(), step.isHop(), evidenceOf(step)));
    }
    return out;
  }

  private Location evidenceOf(PathStep step) {
    if (step.permit() != null && step.permit().grant() != null) {
      return step.permit().grant().location();
    }
    for (Permit p : step.requires()) {
      if (p.grant() != null) {
        return p.grant().location();
      }
    }
    if (step.from() instanceof Vertex.Workload w && workloads.containsKey(w.ref())) {
      return workloads.get(w.ref()).meta().location();
    }
    return null;
  }

  private static PathHop.Point point(Vertex v) {
    return new PathHop.Point(v.type(), v.name(), v.namespace(), v.label());
  }

  /** The first hop's binding (cutting it cuts the path), or the workload whose node escape starts it. */
  private Location whereToCut(EscalationPath path) {
    for (PathStep hop : path.hops()) {
      if (hop.permit() != null && hop.permit().grant() != null) {
        Binding b = bindings.get(hop.permit().grant().binding());
        return b != null ? b.meta().location() : hop.permit().grant().location();
      }
      if (hop.from() instanceof Vertex.Workload w && workloads.containsKey(w.ref())) {
        return workloads.get(w.ref()).meta().location();
      }
    }
    return null;
  }

  private boolean isUnchangedDefault(Grant g) {
    Binding b = bindings.get(g.binding());
    return g.bindingBuiltIn() || (b != null && context.defaultPolicy().isUnchangedDefault(b));
  }

  static String message(EscalationPath path) {
    int n = path.hopCount();
    StringBuilder sb = new StringBuilder(label(path.from())).append(" can reach ").append(path.target().label())
        .append(" in ").append(n).append(n == 1 ? " hop: " : " hops: ");
    int i = 0;
    for (PathStep hop : path.hops()) {
      sb.append(i == 0 ? "" : "; ").append(++i).append(". ").append(hop.kind().id()).append(" to ")
          .append(hop.to().label());
      if (hop.permit() != null) {
        sb.append(" (").append(hop.permit().permission());
        Grant g = hop.permit().grant();
        if (g != null) {
          sb.append(" via ").append(g.binding()).append(" -> ").append(g.role()).append(" rule #").append(g.ruleIndex());
        }
        sb.append(')');
      } else if (hop.detail() != null) {
        sb.append(" (").append(hop.detail()).append(')');
      }
    }
    return sb.append('.').toString();
  }

  private static String label(Subject s) {
    return new Vertex.Identity(s).label();
  }
}

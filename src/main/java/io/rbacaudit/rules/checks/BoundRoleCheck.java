package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Template {@code bound-to-role}: a ServiceAccount bound, by a RoleBinding or a ClusterRoleBinding, to one of the
 * named ClusterRoles. One finding per (ServiceAccount, scope); the scope is the RoleBinding's namespace, or
 * cluster-wide for a ClusterRoleBinding (then {@code clusterWideSeverity} applies). Evidence: the bindings.
 *
 * <p>Params: {@code clusterRoles} (names; required).
 */
public final class BoundRoleCheck implements Template {

  @Override
  public String name() {
    return "bound-to-role";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> roles = p.strings("clusterRoles", List.of());
    if (roles.isEmpty()) {
      p.problem("clusterRoles", "name at least one ClusterRole");
    }
    p.finish();
    return context -> run(spec, roles, context);
  }

  private record Scoped(Subject account, String scope) {}

  private static List<Finding> run(RuleSpec spec, List<String> roles, ScanContext context) {
    Map<Scoped, List<ResolvedBinding>> hits = new LinkedHashMap<>();
    for (ResolvedBinding b : context.authorizer().bindings()) {
      if (!b.binding().roleRef().kind().equals("ClusterRole") || !roles.contains(b.binding().roleRef().name())
          || b.roleMissing()) {
        continue;
      }
      for (Subject s : b.subjects()) {
        if (s.kind() == SubjectKind.SERVICE_ACCOUNT) {
          List<ResolvedBinding> list = hits.computeIfAbsent(new Scoped(s, b.scope()), k -> new ArrayList<>());
          if (!list.contains(b)) {
            list.add(b);
          }
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    hits.forEach((scoped, bindings) -> out.add(finding(spec, scoped, bindings, context)));
    return out;
  }

  private static Finding finding(RuleSpec spec, Scoped scoped, List<ResolvedBinding> bindings, ScanContext context) {
    Subject sa = scoped.account();
    ObjectRef subject = new ObjectRef("ServiceAccount", sa.name(), sa.namespace());
    List<String> via = new ArrayList<>();
    boolean allDefault = true;
    FindingBuilder f = FindingBuilder.of(spec, subject)
        .severity(spec.severityFor(scoped.scope() == null))
        .namespace(scoped.scope())
        .key(subject + "@" + Objects.requireNonNullElse(scoped.scope(), "-"))
        .location(bindings.get(0).binding().meta().location())
        .workloads(context.workloadsRunningAs(sa.namespace(), sa.name()));
    for (ResolvedBinding b : bindings) {
      via.add(b.binding().kind().kubeName() + " " + RuleText.name(b.binding().namespace(), b.binding().name())
          + " (ClusterRole " + b.binding().roleRef().name() + ")");
      f.object(b.binding().ref(), b.binding().meta().location(), "binds ClusterRole " + b.binding().roleRef().name());
      f.related(b.binding().meta().location());
      allDefault &= context.defaultPolicy().isUnchangedDefault(b.binding());
    }
    String roleNames = String.join(", ", bindings.stream().map(b -> b.binding().roleRef().name()).distinct().toList());
    return f.defaultPolicy(allDefault)
        .message(RuleText.serviceAccount(sa.namespace(), sa.name()) + " is bound to ClusterRole " + roleNames + " "
            + RuleText.scope(scoped.scope()) + " through " + String.join(", ", via) + ": "
            + (scoped.scope() == null ? "in every namespace" : "in " + scoped.scope()) + " it can read Secrets,"
            + " run pods as any ServiceAccount and change most workloads. A workload identity rarely needs that:"
            + " replace it with a Role listing what the workload uses.")
        .build();
  }
}

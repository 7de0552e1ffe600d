package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.Aggregator;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Template {@code unused-role}: a Role or ClusterRole that no binding references and no aggregated ClusterRole
 * selects. Built-in roles and roles named like a Kubernetes default are never reported (DESIGN.md section 4; a
 * changed default is RBAC-110's, and users bind the defaults at will). A ClusterRole carrying one
 * of the {@code usedLabels} counts as used even when the aggregating role is not in the inputs: the built-in
 * {@code view}, {@code edit} and {@code admin} select those labels in every cluster.
 *
 * <p>Params: {@code usedLabels} (list of {@code key=value}; default the three {@code aggregate-to-*} labels).
 */
public final class UnusedRoleCheck implements Template {

  private static final List<String> AGGREGATE_TO_DEFAULTS = List.of(
      "rbac.authorization.k8s.io/aggregate-to-view=true",
      "rbac.authorization.k8s.io/aggregate-to-edit=true",
      "rbac.authorization.k8s.io/aggregate-to-admin=true");

  @Override
  public String name() {
    return "unused-role";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> labels = p.strings("usedLabels", AGGREGATE_TO_DEFAULTS);
    for (String l : labels) {
      if (l.indexOf('=') <= 0) {
        p.problem("usedLabels", "'" + l + "' is not key=value");
      }
    }
    p.finish();
    return context -> run(spec, labels, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> usedLabels, ScanContext context) {
    Set<String> referenced = new HashSet<>();
    for (Binding b : context.inventory().bindings()) {
      switch (b.roleRef().kind()) {
        case "ClusterRole" -> referenced.add("ClusterRole/" + b.roleRef().name());
        case "Role" -> {
          if (b.kind() == BindingKind.ROLE_BINDING) {
            referenced.add("Role/" + b.namespace() + "/" + b.roleRef().name());
          }
        }
        default -> { }
      }
    }
    List<Role> clusterRoles = context.inventory().roles().stream()
        .filter(r -> r.kind() == RoleKind.CLUSTER_ROLE).toList();
    for (List<Role> selected : Aggregator.selectAll(clusterRoles).values()) {
      selected.forEach(r -> referenced.add("ClusterRole/" + r.name()));
    }
    List<Finding> out = new ArrayList<>();
    for (Role role : context.inventory().roles()) {
      // A role named like a default (even a changed one: RBAC-110's) is bound at will by cluster users.
      if (context.defaultPolicy().shippedRole(role) != null || role.builtIn()
          || referenced.contains(role.ref().toString())
          || (role.kind() == RoleKind.CLUSTER_ROLE && labelled(role.meta().labels(), usedLabels))) {
        continue;
      }
      out.add(FindingBuilder.of(spec, role.ref())
          .namespace(role.namespace())
          .location(role.meta().location())
          .message(RuleText.role(role) + " is not referenced by any binding"
              + (role.kind() == RoleKind.CLUSTER_ROLE ? " nor aggregated into another ClusterRole" : "")
              + ": it grants nothing today, but whoever binds it later receives its "
              + context.authorizer().effectiveRules(role).size() + " rule(s). Delete it if it is no longer needed.")
          .build());
    }
    return out;
  }

  private static boolean labelled(Map<String, String> labels, List<String> used) {
    for (String kv : used) {
      int eq = kv.indexOf('=');
      if (eq > 0 && kv.substring(eq + 1).equals(labels.get(kv.substring(0, eq)))) {
        return true;
      }
    }
    return false;
  }
}

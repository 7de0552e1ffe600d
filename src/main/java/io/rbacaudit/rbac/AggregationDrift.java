package io.rbacaudit.rbac;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.Aggregator.RuleContent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a cluster's stored rules of an aggregated ClusterRole differ from what its selectors would aggregate
 * (DESIGN.md section 9). In cluster mode the authorizer uses the stored rules, since they are what the API server
 * enforces; a difference means the clusterrole-aggregation controller has not caught up (or is not running), which is
 * worth knowing. The expected rules are computed as the controller does: the union of the stored rules of every
 * other ClusterRole a selector matches, in name order, each distinct rule once; order does not count.
 *
 * @param missing rules the selected roles hold that the stored rules lack
 * @param extra stored rules no selected role holds
 */
public record AggregationDrift(Role role, int missing, int extra) {

  /** Every aggregated ClusterRole whose stored rules differ, in name order. */
  public static List<AggregationDrift> find(List<Role> roles) {
    List<Role> clusterRoles = roles.stream()
        .filter(r -> r.kind() == RoleKind.CLUSTER_ROLE)
        .sorted(Comparator.comparing(Role::name))
        .toList();
    List<AggregationDrift> out = new ArrayList<>();
    for (Map.Entry<Role, List<Role>> selection : Aggregator.selectAll(clusterRoles).entrySet()) {
      Role role = selection.getKey();
      Set<RuleContent> expected = new LinkedHashSet<>();
      for (Role source : selection.getValue()) {
        source.rules().forEach(r -> expected.add(RuleContent.of(r)));
      }
      Set<RuleContent> stored = new LinkedHashSet<>();
      role.rules().forEach(r -> stored.add(RuleContent.of(r)));
      int missing = (int) expected.stream().filter(r -> !stored.contains(r)).count();
      int extra = (int) stored.stream().filter(r -> !expected.contains(r)).count();
      if (missing + extra > 0) {
        out.add(new AggregationDrift(role, missing, extra));
      }
    }
    return List.copyOf(out);
  }

  /** The inventory with one located warning per drifting role added to its problems. */
  public static Inventory warn(Inventory inventory) {
    List<AggregationDrift> drifts = find(inventory.roles());
    if (drifts.isEmpty()) {
      return inventory;
    }
    List<Problem> problems = new ArrayList<>(inventory.problems());
    drifts.forEach(d -> problems.add(d.warning()));
    return new Inventory(inventory.roles(), inventory.bindings(), inventory.serviceAccounts(), inventory.secrets(),
        inventory.namespaces(), inventory.workloads(), inventory.sources(), inventory.skippedKinds(), problems);
  }

  public Problem warning() {
    Location at = role.meta().location();
    String context = at == null || at.context() == null ? "?" : at.context();
    return Problem.warning(at == null ? Location.cluster(context, null) : at,
        "aggregated ClusterRole " + role.name() + " in cluster context " + context + ": its stored rules differ from "
            + "what its aggregationRule selects (" + count(missing, "rule") + " missing, " + count(extra, "rule")
            + " extra); the scan uses the stored rules, which the API server enforces. Check that "
            + "kube-controller-manager runs the clusterrole-aggregation controller");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}

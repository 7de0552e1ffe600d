package io.rbacaudit.rules.permission;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.Aggregator;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The input roles whose permissions reach nobody yet, so that a permission rule reports them at role level, as
 * latent findings (DESIGN.md section 5):
 *
 * <ul>
 *   <li>a role that no binding references and that no aggregated ClusterRole selects: whoever is bound to it later
 *       gets its permissions;
 *   <li>a ClusterRole that only reaches built-in aggregated roles ({@code admin}, {@code edit}, {@code view}, through
 *       the {@code aggregate-to-*} labels) that nothing in the inputs binds: it extends every subject bound to them
 *       on the cluster.
 * </ul>
 *
 * A role selected by an input aggregated ClusterRole that is itself unbound is left to that role's own latent
 * finding (which holds its rules), so one permission is not reported twice. A role whose rules reach a bound role
 * is judged through the bound subjects instead. Built-in roles are never reported.
 */
final class LatentRoles {

  /**
   * @param builtInAggregators the unbound built-in roles it is aggregated into (directly or not); empty when the
   *     role is simply unbound
   */
  record LatentRole(Role role, List<Role> builtInAggregators) {
    LatentRole {
      builtInAggregators = List.copyOf(builtInAggregators);
    }
  }

  /** One analysis per scan, shared by every permission rule (weak keys: gone with the scan). */
  private static final Map<ScanContext, List<LatentRole>> PER_SCAN =
      Collections.synchronizedMap(new WeakHashMap<>());

  private LatentRoles() {}

  static List<LatentRole> of(ScanContext context) {
    return PER_SCAN.computeIfAbsent(context, LatentRoles::find);
  }

  private static List<LatentRole> find(ScanContext context) {
    Authorizer authorizer = context.authorizer();
    Set<Role> referenced = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ResolvedBinding b : authorizer.bindings()) {
      if (b.role() != null) {
        referenced.add(b.role());
      }
    }
    List<Role> clusterRoles = new ArrayList<>();
    for (Role r : context.inventory().roles()) {
      if (r.kind() == RoleKind.CLUSTER_ROLE && authorizer.clusterRole(r.name()).orElse(null) == r) {
        clusterRoles.add(r);
      }
    }
    clusterRoles.sort(Comparator.comparing(Role::name));
    Map<Role, List<Role>> selectedBy = new IdentityHashMap<>();
    Aggregator.selectAll(clusterRoles).forEach((aggregator, selection) -> {
      for (Role selected : selection) {
        selectedBy.computeIfAbsent(selected, k -> new ArrayList<>()).add(aggregator);
      }
    });
    List<LatentRole> out = new ArrayList<>();
    for (Role role : context.inventory().roles()) {
      if (role.builtIn() || referenced.contains(role) || !inUse(authorizer, role)) {
        continue;
      }
      List<Role> ancestors = ancestors(role, selectedBy);
      if (ancestors.stream().anyMatch(referenced::contains)) {
        continue; // its rules reach bound subjects, whose findings show them
      }
      List<Role> builtIns = ancestors.stream().filter(Role::builtIn).toList();
      if (!builtIns.isEmpty()) {
        out.add(new LatentRole(role, builtIns));
      } else if (ancestors.isEmpty()) {
        out.add(new LatentRole(role, List.of()));
      }
    }
    return List.copyOf(out);
  }

  /** The role the authorizer resolves by this name (a later duplicate in the inputs shadows an earlier one). */
  private static boolean inUse(Authorizer authorizer, Role role) {
    Role resolved = role.kind() == RoleKind.CLUSTER_ROLE
        ? authorizer.clusterRole(role.name()).orElse(null)
        : authorizer.role(role.namespace(), role.name()).orElse(null);
    return resolved == role;
  }

  /** Every aggregated ClusterRole that takes this role's rules, directly or through others, in name order. */
  private static List<Role> ancestors(Role role, Map<Role, List<Role>> selectedBy) {
    Set<Role> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Role> todo = new ArrayDeque<>(selectedBy.getOrDefault(role, List.of()));
    List<Role> out = new ArrayList<>();
    while (!todo.isEmpty()) {
      Role next = todo.pop();
      if (next != role && seen.add(next)) {
        out.add(next);
        todo.addAll(selectedBy.getOrDefault(next, List.of()));
      }
    }
    out.sort(Comparator.comparing(Role::name));
    return out;
  }
}

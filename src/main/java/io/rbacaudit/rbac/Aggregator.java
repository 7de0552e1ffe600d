package io.rbacaudit.rbac;

import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ClusterRole aggregation as the clusterrole-aggregation controller does it (spec/rbac-semantics.md section 5): an
 * aggregated role's rules are the union of the effective rules of every other ClusterRole one of its selectors
 * matches; its own rules are ignored. Transitive, computed to the least fixed point so that cycles are
 * order-independent.
 */
public final class Aggregator {

  private Aggregator() {}

  /** Effective rules of every ClusterRole, by name. Namespaced Roles in the input are ignored. */
  public static Map<String, List<EffectiveRule>> effectiveRules(Collection<Role> roles, AggregationMode mode) {
    List<Role> clusterRoles =
        roles.stream()
            .filter(r -> r.kind() == RoleKind.CLUSTER_ROLE)
            .sorted(Comparator.comparing(Role::name))
            .toList();
    if (mode == AggregationMode.STORED) {
      return stored(roles, clusterRoles);
    }
    Map<String, List<EffectiveRule>> result = new HashMap<>();
    List<Role> aggregated = new ArrayList<>();
    for (Role role : clusterRoles) {
      if (role.isAggregated() && mode == AggregationMode.COMPUTE) {
        aggregated.add(role);
        result.put(role.name(), List.of());
      } else {
        result.put(role.name(), ownRules(role));
      }
    }
    if (aggregated.isEmpty()) {
      return result;
    }
    // Labels never change during aggregation, so each role's selection is computed once.
    Map<String, List<Role>> selected = new HashMap<>();
    for (Role target : aggregated) {
      selected.put(target.name(), select(target, clusterRoles));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Role target : aggregated) {
        List<EffectiveRule> union = union(selected.get(target.name()), result);
        // The union only grows from one round to the next, so a change shows in its size.
        if (union.size() != result.get(target.name()).size()) {
          result.put(target.name(), union);
          changed = true;
        }
      }
    }
    return result;
  }

  /**
   * Stored rules for every role, but each stored rule of an aggregated role that a selected role also holds is
   * attributed to that role, as a computed aggregation would: the rules stay what the cluster enforces, and a user
   * role aggregated into a default one is still named as the source of what it adds.
   */
  private static Map<String, List<EffectiveRule>> stored(Collection<Role> roles, List<Role> clusterRoles) {
    Map<String, List<EffectiveRule>> computed = null;
    Map<String, List<EffectiveRule>> result = new HashMap<>();
    for (Role role : clusterRoles) {
      List<EffectiveRule> own = ownRules(role);
      if (role.isAggregated()) {
        if (computed == null) {
          computed = effectiveRules(roles, AggregationMode.COMPUTE);
        }
        Map<RuleContent, EffectiveRule> sources = new HashMap<>();
        for (EffectiveRule r : computed.get(role.name())) {
          sources.putIfAbsent(RuleContent.of(r.rule()), r);
        }
        own = own.stream().map(r -> sources.getOrDefault(RuleContent.of(r.rule()), r)).toList();
      }
      result.put(role.name(), own);
    }
    return result;
  }

  /** The rules a role holds as written, each with its own index. */
  public static List<EffectiveRule> ownRules(Role role) {
    RoleId id = RoleId.of(role);
    List<PolicyRule> rules = role.rules();
    List<EffectiveRule> out = new ArrayList<>(rules.size());
    for (int i = 0; i < rules.size(); i++) {
      out.add(new EffectiveRule(rules.get(i), id, i));
    }
    return List.copyOf(out);
  }

  /** Every other ClusterRole that at least one selector matches, in name order. */
  public static List<Role> select(Role target, List<Role> clusterRoles) {
    List<Role> out = new ArrayList<>();
    for (Role candidate : clusterRoles) {
      if (candidate.name().equals(target.name())) {
        continue;
      }
      for (LabelSelector selector : target.aggregationSelectors()) {
        if (selector.matches(candidate.meta().labels())) {
          out.add(candidate);
          break;
        }
      }
    }
    return out;
  }

  private static List<EffectiveRule> union(List<Role> sources, Map<String, List<EffectiveRule>> current) {
    Map<RuleContent, EffectiveRule> seen = new LinkedHashMap<>();
    for (Role source : sources) {
      for (EffectiveRule rule : current.get(source.name())) {
        seen.putIfAbsent(RuleContent.of(rule.rule()), rule);
      }
    }
    return List.copyOf(seen.values());
  }

  /** A rule's content without its location: identical rules from several roles are listed once. */
  record RuleContent(
      List<String> verbs,
      List<String> apiGroups,
      List<String> resources,
      List<String> resourceNames,
      List<String> nonResourceURLs) {
    static RuleContent of(PolicyRule r) {
      return new RuleContent(r.verbs(), r.apiGroups(), r.resources(), r.resourceNames(), r.nonResourceURLs());
    }
  }
}

package io.rbacaudit.rbac;

import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.ArrayList;
import java.util.BitSet;
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
    Map<Role, List<Role>> selections = selectAll(clusterRoles);
    Map<String, List<Role>> selected = new HashMap<>();
    for (Role target : aggregated) {
      selected.put(target.name(), selections.get(target));
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

  /**
   * For every aggregated role of {@code clusterRoles}, every other role of the list (by name) that at least one of
   * its selectors matches, in list order. A selector with matchLabels looks only at the roles carrying its first
   * label (an index built once), so selecting stays cheap with thousands of ClusterRoles; others check every role.
   */
  public static Map<Role, List<Role>> selectAll(List<Role> clusterRoles) {
    Map<Role, List<Role>> out = new LinkedHashMap<>();
    Map<String, Map<String, List<Integer>>> byLabel = null;
    for (Role target : clusterRoles) {
      if (!target.isAggregated()) {
        continue;
      }
      if (byLabel == null) {
        byLabel = labelIndex(clusterRoles);
      }
      BitSet hits = new BitSet(clusterRoles.size());
      for (LabelSelector selector : target.aggregationSelectors()) {
        List<Integer> candidates = candidates(selector, byLabel);
        if (candidates == null) {
          for (int i = 0; i < clusterRoles.size(); i++) {
            check(selector, clusterRoles, i, hits);
          }
        } else {
          candidates.forEach(i -> check(selector, clusterRoles, i, hits));
        }
      }
      List<Role> selected = new ArrayList<>();
      for (int i = hits.nextSetBit(0); i >= 0; i = hits.nextSetBit(i + 1)) {
        if (!clusterRoles.get(i).name().equals(target.name())) {
          selected.add(clusterRoles.get(i));
        }
      }
      out.put(target, selected);
    }
    return out;
  }

  /** Positions of the roles by label key and value. */
  private static Map<String, Map<String, List<Integer>>> labelIndex(List<Role> roles) {
    Map<String, Map<String, List<Integer>>> index = new HashMap<>();
    for (int i = 0; i < roles.size(); i++) {
      for (Map.Entry<String, String> label : roles.get(i).meta().labels().entrySet()) {
        index.computeIfAbsent(label.getKey(), k -> new HashMap<>())
            .computeIfAbsent(label.getValue(), v -> new ArrayList<>()).add(i);
      }
    }
    return index;
  }

  /** Positions that may match: those with the selector's first matchLabel; null for all. */
  private static List<Integer> candidates(LabelSelector selector, Map<String, Map<String, List<Integer>>> byLabel) {
    if (selector.matchLabels().isEmpty()) {
      return null;
    }
    Map.Entry<String, String> first = selector.matchLabels().entrySet().iterator().next();
    return byLabel.getOrDefault(first.getKey(), Map.of()).getOrDefault(first.getValue(), List.of());
  }

  private static void check(LabelSelector selector, List<Role> roles, int i, BitSet hits) {
    if (!hits.get(i) && selector.matches(roles.get(i).meta().labels())) {
      hits.set(i);
    }
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

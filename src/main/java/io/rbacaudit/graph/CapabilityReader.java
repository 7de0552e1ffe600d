package io.rbacaudit.graph;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads which capabilities a role's rules give, once per role however many bindings use it, and turns a binding into
 * capability grants scoped as the authorizer scopes them: a RoleBinding applies only in its namespace and never to
 * cluster-scoped requests.
 */
final class CapabilityReader {

  /** A capability one rule gives. */
  record RuleCapability(Capability capability, String verb, Capability.Target target, EffectiveRule rule) {}

  private static final Request ALL_URLS = Request.nonResource("*", "*");

  private final Map<Role, List<RuleCapability>> byRole = new IdentityHashMap<>();

  List<CapabilityGrant> grants(ResolvedBinding binding) {
    if (binding.role() == null) {
      return List.of();
    }
    List<RuleCapability> caps = byRole.computeIfAbsent(binding.role(), r -> read(binding.rules()));
    return grants(caps, binding.scope(), binding::grant);
  }

  /** The grants of rules held at a scope, each turned into a grant by {@code grantOf}. */
  static List<CapabilityGrant> grants(List<RuleCapability> caps, String scope, Function<EffectiveRule, Grant> grantOf) {
    List<CapabilityGrant> out = new ArrayList<>();
    for (RuleCapability rc : caps) {
      if (scope != null && rc.capability().scope() == Capability.Scope.CLUSTER) {
        continue; // a RoleBinding never applies to a cluster-scoped request
      }
      out.add(new CapabilityGrant(rc.capability(), scope, rc.rule().rule().resourceNames(), rc.verb(), rc.target(),
          grantOf.apply(rc.rule())));
    }
    return out;
  }

  static List<RuleCapability> read(List<EffectiveRule> rules) {
    List<RuleCapability> out = new ArrayList<>();
    for (EffectiveRule rule : rules) {
      for (Capability c : Capability.values()) {
        read(c, rule, out);
      }
    }
    return out;
  }

  private static void read(Capability c, EffectiveRule effective, List<RuleCapability> out) {
    PolicyRule rule = effective.rule();
    if (c.names() == Capability.Names.NONE && !rule.resourceNames().isEmpty()) {
      return; // the request carries no name, and a rule with resourceNames never matches one without
    }
    if (c == Capability.ALL_URLS) {
      if (RuleMatcher.matches(rule, ALL_URLS)) {
        out.add(new RuleCapability(c, "*", null, effective));
      }
      return;
    }
    for (Capability.Target t : c.targets()) {
      if (!RuleMatcher.apiGroupMatches(rule.apiGroups(), t.group())
          || !RuleMatcher.resourceMatches(rule.resources(), t.resource(), t.subresource())) {
        continue;
      }
      String verb = firstVerb(rule, c);
      if (verb == null) {
        return;
      }
      out.add(new RuleCapability(c, verb, t, effective));
      if (c != Capability.PATCH_WORKLOADS) {
        return; // one capability per rule; patching is kept per resource because it needs a workload of that kind
      }
    }
  }

  private static String firstVerb(PolicyRule rule, Capability c) {
    for (String v : c.verbs()) {
      if (RuleMatcher.verbMatches(rule.verbs(), v)) {
        return v;
      }
    }
    return null;
  }
}

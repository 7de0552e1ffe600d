package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.rbac.AggregationMode;
import io.rbacaudit.rbac.Aggregator;
import io.rbacaudit.rbac.Covers;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Template {@code builtin-role-redefined}: an input Role or ClusterRole with the kind, namespace and name of a role
 * Kubernetes ships ({@code cluster-admin}, {@code admin}, {@code edit}, {@code view}, the {@code system:} roles) that
 * is not an unchanged default ({@link DefaultPolicy#isUnchangedDefault(Role)}).
 *
 * <ul>
 *   <li>It grants more than the shipped role (effective rules, aggregation applied on both sides, not covered), or
 *       it aggregates with other selectors than the shipped role: tampering, rule severity.
 *   <li>It grants no more and only its label or its shape differs: a reviewer may be misled by the name,
 *       {@code misleadingSeverity} (default low).
 * </ul>
 *
 * {@code system:} names Kubernetes does not ship (such as {@code system:my-operator}) are not reported: many
 * distributions and operators use the prefix, and nothing is shadowed.
 *
 * <p>Params: {@code misleadingSeverity}.
 */
public final class RedefinedDefaultRoleCheck implements Template {

  @Override
  public String name() {
    return "builtin-role-redefined";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    Severity misleading = p.severity("misleadingSeverity", Severity.LOW);
    p.finish();
    return context -> run(spec, misleading, context);
  }

  private static List<Finding> run(RuleSpec spec, Severity misleading, ScanContext context) {
    DefaultPolicy policy = context.defaultPolicy();
    Map<String, List<EffectiveRule>> shippedRules =
        Aggregator.effectiveRules(context.shippedDefaultRoles(), AggregationMode.COMPUTE);
    List<Finding> out = new ArrayList<>();
    for (Role role : context.inventory().roles()) {
      Role shipped = role.builtIn() ? null : policy.shippedRole(role);
      if (shipped == null || policy.isUnchangedDefault(role)) {
        continue;
      }
      boolean reselects = false;
      List<PolicyRule> extra = new ArrayList<>();
      if (role.isAggregated()) {
        // Its rules are whatever the selectors pick; ClusterRoles that extend a default on purpose are not extra.
        reselects = !(shipped.isAggregated()
            && new HashSet<>(shipped.aggregationSelectors()).equals(new HashSet<>(role.aggregationSelectors())));
      } else {
        List<PolicyRule> reference = role.kind() == RoleKind.CLUSTER_ROLE
            ? rules(shippedRules.getOrDefault(shipped.name(), List.of()))
            : shipped.rules();
        for (PolicyRule r : role.rules()) {
          if (!Covers.covers(reference, r)) {
            extra.add(r);
          }
        }
      }
      out.add(finding(spec, role, extra, reselects, misleading));
    }
    return out;
  }

  private static Finding finding(RuleSpec spec, Role role, List<PolicyRule> extra, boolean reselects,
      Severity misleading) {
    String what = RuleText.role(role);
    FindingBuilder f = FindingBuilder.of(spec, role.ref())
        .namespace(role.namespace())
        .location(role.meta().location());
    for (PolicyRule r : extra) {
      f.object(role.ref(), r.location(), "not in the Kubernetes default: " + RuleText.of(r)).related(r.location());
    }
    if (!extra.isEmpty()) {
      return f.message(what + " has the name of a Kubernetes default role but grants more than the default: "
              + RuleText.rules(extra) + ". Everyone bound to it (and whoever trusts the name in a review) gets"
              + " these too: restore the default and put the extra rules in a role of its own.")
          .build();
    }
    if (reselects) {
      return f.message(what + " has the name of a Kubernetes default role but aggregates other ClusterRoles than"
              + " the default does, so any ClusterRole carrying those labels flows into it. Restore the default"
              + " aggregationRule and grant extra permissions through a role of its own.")
          .build();
    }
    boolean unlabelled = !DefaultPolicy.BOOTSTRAP_VALUE.equals(role.meta().labels().get(DefaultPolicy.BOOTSTRAP_LABEL));
    return f.severity(misleading)
        .message(what + " has the name of a Kubernetes default role but is not the default ("
            + (unlabelled ? "no " + DefaultPolicy.BOOTSTRAP_LABEL + ": " + DefaultPolicy.BOOTSTRAP_VALUE + " label"
                : "its aggregationRule differs")
            + "). It grants no more than the default, but the name misleads reviewers and the API server may"
            + " reconcile it: give it a name of its own.")
        .build();
  }

  private static List<PolicyRule> rules(List<EffectiveRule> effective) {
    return effective.stream().map(EffectiveRule::rule).toList();
  }
}

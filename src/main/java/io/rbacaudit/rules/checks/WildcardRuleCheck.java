package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code wildcard-rule}: a Role or ClusterRole whose own rules put {@code *} in one of the listed fields.
 * One finding per role (subject: the role), each offending rule as evidence. Roles that are unchanged Kubernetes
 * defaults are skipped (cluster-admin is a wildcard by design; RBAC-101 reports who is bound to it), and so are
 * aggregated ClusterRoles: their own rules are ignored and their aggregated rules are reported on the roles that
 * wrote them.
 *
 * <p>Params: {@code fields} (list of {@code verbs}, {@code apiGroups}, {@code resources}, {@code nonResourceURLs};
 * default the first three).
 */
public final class WildcardRuleCheck implements Template {

  private static final String ALL = "*";

  @Override
  public String name() {
    return "wildcard-rule";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> fields = p.choices("fields", List.of("verbs", "apiGroups", "resources"),
        "verbs", "apiGroups", "resources", "nonResourceURLs");
    if (fields.isEmpty()) {
      p.problem("fields", "must name at least one field");
    }
    p.finish();
    return context -> run(spec, fields, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> fields, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (Role role : context.inventory().roles()) {
      if (role.isAggregated() || context.defaultPolicy().isUnchangedDefault(role)) {
        continue;
      }
      List<String> where = new ArrayList<>();
      FindingBuilder f = FindingBuilder.of(spec, role.ref());
      for (int i = 0; i < role.rules().size(); i++) {
        PolicyRule rule = role.rules().get(i);
        List<String> wild = wildFields(rule, fields);
        if (!wild.isEmpty()) {
          where.add("rule " + (i + 1) + " (" + RuleText.of(rule) + ")");
          f.object(role.ref(), rule.location(), "rule " + (i + 1) + ": * in " + String.join(", ", wild));
          f.related(rule.location());
        }
      }
      if (where.isEmpty()) {
        continue;
      }
      out.add(f.namespace(role.namespace())
          .location(role.meta().location())
          .message(RuleText.role(role) + " uses * in " + RuleText.join(where, "; ")
              + ": it grants every current and future verb, resource or API group that matches, including ones"
              + " added later by CRDs and upgrades. List exactly the verbs, resources and groups needed.")
          .build());
    }
    return out;
  }

  private static List<String> wildFields(PolicyRule rule, List<String> fields) {
    List<String> out = new ArrayList<>();
    for (String field : fields) {
      List<String> values = switch (field) {
        case "verbs" -> rule.verbs();
        case "apiGroups" -> rule.apiGroups();
        case "resources" -> rule.resources();
        default -> rule.nonResourceURLs();
      };
      if (values.contains(ALL)) {
        out.add(field);
      }
    }
    return out;
  }
}

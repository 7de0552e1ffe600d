package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Template {@code ineffective-grant}: a RoleBinding whose role lists cluster-scoped resources (the resource table's
 * {@code namespaced=false} entries, in a group the rule names) or non-resource URLs. A RoleBinding only applies to
 * requests in its namespace, so these grant nothing there (spec/rbac-semantics.md sections 2 and 3): the author
 * believed otherwise. Wildcards and resources the table does not know (custom resources) are not judged. One
 * finding per binding, the ineffective rules as evidence.
 *
 * <p>Params: {@code ignoreResources} (default {@code [namespaces]}: a RoleBinding can grant reading its own
 * namespace, whose requests carry that namespace; section 7).
 */
public final class IneffectiveGrantCheck implements Template {

  private static final String ALL = "*";

  @Override
  public String name() {
    return "ineffective-grant";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> ignore = p.strings("ignoreResources", List.of("namespaces"));
    p.finish();
    return context -> run(spec, ignore, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> ignore, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (ResolvedBinding rb : context.authorizer().bindings()) {
      if (rb.isClusterWide() || rb.roleMissing()) {
        continue;
      }
      Binding b = rb.binding();
      FindingBuilder f = FindingBuilder.of(spec, b.ref())
          .namespace(b.namespace())
          .location(b.meta().location())
          .defaultPolicy(context.defaultPolicy().isUnchangedDefault(b));
      Set<String> useless = new LinkedHashSet<>();
      for (EffectiveRule rule : rb.rules()) {
        List<String> parts = ineffective(rule.rule(), ignore, context.resources());
        if (!parts.isEmpty()) {
          useless.addAll(parts);
          f.object(b.ref(), rule.rule().location(), "rule " + (rule.index() + 1) + " of " + rule.source()
              + " grants " + String.join(", ", parts) + ", which a RoleBinding cannot grant");
          f.related(rule.rule().location());
        }
      }
      if (useless.isEmpty()) {
        continue;
      }
      out.add(f.message(b.kind().kubeName() + " " + b.namespace() + "/" + b.name() + " grants, through "
              + b.roleRef().kind() + " " + b.roleRef().name() + ", " + RuleText.join(List.copyOf(useless), ", ")
              + ": cluster-scoped resources and non-resource URLs have no effect through a RoleBinding. If the"
              + " subjects need them, grant them with a ClusterRoleBinding to a role holding only those rules;"
              + " otherwise drop them from the role.")
          .build());
    }
    return out;
  }

  /** The cluster-scoped resources and the URLs of one rule, as {@code nodes (group "")} and {@code URL /metrics}. */
  static List<String> ineffective(PolicyRule rule, List<String> ignore, ResourceTable table) {
    List<String> out = new ArrayList<>();
    if (rule.verbs().isEmpty()) {
      return out;
    }
    for (String resource : rule.resources()) {
      String base = resource.contains("/") ? resource.substring(0, resource.indexOf('/')) : resource;
      if (base.equals(ALL) || ignore.contains(base)) {
        continue;
      }
      for (ResourceTable.Entry e : table.withResource(base)) {
        if (!e.namespaced() && (rule.apiGroups().contains(ALL) || rule.apiGroups().contains(e.group()))) {
          out.add(e.group().isEmpty() ? resource : resource + "." + e.group());
          break;
        }
      }
    }
    for (String url : rule.nonResourceURLs()) {
      out.add("URL " + url);
    }
    return out;
  }
}

package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.Grant;
import java.util.ArrayList;
import java.util.List;

/** Short, readable renderings of rules and objects for finding messages. */
final class RuleText {

  private static final int MAX_ITEMS = 5;
  private static final int MAX_RULES = 3;

  private RuleText() {}

  /** {@code get,list secrets}, {@code create deployments (group apps)}, {@code get /healthz}. */
  static String of(PolicyRule r) {
    List<String> parts = new ArrayList<>();
    String verbs = join(r.verbs(), ",");
    if (!r.resources().isEmpty()) {
      StringBuilder sb = new StringBuilder(verbs).append(' ').append(join(r.resources(), ","));
      if (!(r.apiGroups().size() == 1 && r.apiGroups().get(0).isEmpty())) {
        List<String> groups = r.apiGroups().stream().map(g -> g.isEmpty() ? "\"\"" : g).toList();
        sb.append(" (group").append(groups.size() == 1 ? " " : "s ").append(join(groups, ",")).append(')');
      }
      if (!r.resourceNames().isEmpty()) {
        sb.append(" named ").append(join(r.resourceNames(), ","));
      }
      parts.add(sb.toString());
    }
    if (!r.nonResourceURLs().isEmpty()) {
      parts.add(verbs + " " + join(r.nonResourceURLs(), ","));
    }
    return parts.isEmpty() ? verbs + " (nothing)" : String.join("; ", parts);
  }

  /** Several rules: up to three in full, then how many more. */
  static String rules(List<PolicyRule> rules) {
    List<String> texts = rules.stream().map(RuleText::of).distinct().toList();
    if (texts.size() <= MAX_RULES) {
      return String.join("; ", texts);
    }
    return String.join("; ", texts.subList(0, MAX_RULES)) + "; and " + (texts.size() - MAX_RULES) + " more rules";
  }

  /** {@code ClusterRoleBinding x (ClusterRole y, rule 2)}. */
  static String grant(Grant g) {
    return g.binding().kind() + " " + name(g.binding().namespace(), g.binding().name()) + " (" + g.role().kind()
        + " " + g.role().name() + (g.role().builtIn() ? ", built-in" : "") + ")";
  }

  static String role(Role r) {
    return r.kind().kubeName() + " " + name(r.namespace(), r.name());
  }

  static String workload(Workload w) {
    return w.kind().kubeName() + " " + name(w.namespace(), w.name());
  }

  static String serviceAccount(String namespace, String name) {
    return "ServiceAccount " + namespace + "/" + name;
  }

  static String name(String namespace, String name) {
    return namespace == null ? name : namespace + "/" + name;
  }

  static String scope(String namespace) {
    return namespace == null ? "cluster-wide" : "in namespace " + namespace;
  }

  static String join(List<String> items, String sep) {
    if (items.size() <= MAX_ITEMS) {
      return String.join(sep, items);
    }
    return String.join(sep, items.subList(0, MAX_ITEMS)) + sep + "... (" + (items.size() - MAX_ITEMS) + " more)";
  }
}

package io.rbacaudit.load;

import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Roles and ClusterRoles: rules as written, each located at its own mapping, and a ClusterRole's aggregationRule.
 * Rules the API server would reject are kept (they match nothing, which the authorizer semantics already say) with
 * a warning, so the author learns why they grant nothing.
 */
final class RoleDecoder {

  Role role(RoleKind kind, MappingNode obj, ObjectMeta meta, NodeReader r) {
    List<Node> items = r.list(obj, "rules", "");
    List<PolicyRule> rules = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      rules.add(rule(items.get(i), NodeReader.item("rules", i), kind, r));
    }
    return new Role(kind, meta, rules, aggregation(kind, obj, r), false);
  }

  private static PolicyRule rule(Node node, String path, RoleKind kind, NodeReader r) {
    if (NodeReader.isNull(node)) {
      r.warn(node, path + ": an empty rule matches nothing; the API server would reject it. Remove it");
      return new PolicyRule(List.of(), List.of(), List.of(), List.of(), List.of(), r.lineOf(node));
    }
    MappingNode m = r.mapping(node, path);
    PolicyRule rule = new PolicyRule(
        r.stringList(m, "verbs", path),
        r.stringList(m, "apiGroups", path),
        r.stringList(m, "resources", path),
        r.stringList(m, "resourceNames", path),
        r.stringList(m, "nonResourceURLs", path),
        r.lineOf(m));
    checkShape(rule, m, path, kind, r);
    return rule;
  }

  /** The API server's validation of one rule, as warnings: such a rule cannot exist in a cluster. */
  private static void checkShape(PolicyRule rule, MappingNode m, String path, RoleKind kind, NodeReader r) {
    String rejected = "; the API server would reject it";
    if (rule.verbs().isEmpty()) {
      r.warn(m, path + ".verbs: empty, so this rule matches nothing" + rejected + ". Add the verbs it should allow");
    }
    boolean urls = !rule.nonResourceURLs().isEmpty();
    if (!urls && (rule.apiGroups().isEmpty() || rule.resources().isEmpty())) {
      r.warn(m, path + ": a resource rule needs apiGroups and resources (or nonResourceURLs), so this rule "
          + "matches nothing" + rejected + ". Add apiGroups: [\"\"] for the core group");
    }
    if (urls && kind == RoleKind.ROLE) {
      r.warn(m, path + ".nonResourceURLs: a namespaced Role cannot grant non-resource URLs" + rejected
          + ". Move the rule to a ClusterRole");
    } else if (urls && !rule.resources().isEmpty()) {
      r.warn(m, path + ": mixes resources with nonResourceURLs" + rejected + ". Split it into two rules");
    }
  }

  /** Null when not aggregated; an aggregationRule without selectors is an error and the role keeps its rules. */
  private static List<LabelSelector> aggregation(RoleKind kind, MappingNode obj, NodeReader r) {
    Node agg = NodeReader.get(obj, "aggregationRule");
    if (NodeReader.isNull(agg)) {
      return null;
    }
    if (kind == RoleKind.ROLE) {
      r.warn(agg, "aggregationRule: only a ClusterRole can be aggregated; ignored on this Role. Remove it");
      return null;
    }
    MappingNode m = r.mapping(agg, "aggregationRule");
    List<Node> items = r.list(m, "clusterRoleSelectors", "aggregationRule");
    if (items.isEmpty()) {
      r.keptError(agg, "aggregationRule.clusterRoleSelectors: missing or empty, which the API server rejects; "
          + "the role is read with its own rules. Add a selector or remove aggregationRule");
      return null;
    }
    List<LabelSelector> selectors = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      selectors.add(selector(items.get(i), NodeReader.item("aggregationRule.clusterRoleSelectors", i), r));
    }
    return selectors;
  }

  private static LabelSelector selector(Node node, String path, NodeReader r) {
    if (NodeReader.isNull(node)) {
      return new LabelSelector(Map.of(), List.of()); // as Go decodes null: the empty selector, which selects all
    }
    MappingNode m = r.mapping(node, path);
    Map<String, String> labels = r.stringMap(m, "matchLabels", path);
    List<Node> exprs = r.list(m, "matchExpressions", path);
    List<LabelSelector.Requirement> requirements = new ArrayList<>(exprs.size());
    for (int i = 0; i < exprs.size(); i++) {
      String ep = NodeReader.item(NodeReader.child(path, "matchExpressions"), i);
      MappingNode e = r.mapping(exprs.get(i), ep);
      String key = r.requiredString(e, "key", ep, "name the label key");
      String op = r.requiredString(e, "operator", ep, "use In, NotIn, Exists or DoesNotExist");
      requirements.add(new LabelSelector.Requirement(key, operator(op, e, ep, r), r.stringList(e, "values", ep)));
    }
    return new LabelSelector(labels, requirements);
  }

  private static LabelSelector.Operator operator(String op, MappingNode e, String path, NodeReader r) {
    for (LabelSelector.Operator o : LabelSelector.Operator.values()) {
      if (o.kubeName().equals(op)) {
        return o;
      }
    }
    throw r.error(NodeReader.get(e, "operator"), NodeReader.child(path, "operator"),
        "unknown operator " + NodeReader.quote(op) + "; use In, NotIn, Exists or DoesNotExist (case-sensitive)");
  }
}

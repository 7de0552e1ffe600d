package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.RoleRef;
import io.rbacaudit.model.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Aggregation cases outside the fixture tables: the empty selector list (invalid input, so it cannot sit in a
 * fixture that must load cleanly), cluster mode (rules the controller stored are used as they are), and the exact
 * meaning of "identical rules", built from model records.
 */
class AggregationEdgeTest {

  private static final Location HERE = Location.file("AggregationEdgeTest", 1);

  private static final PolicyRule GET_PODS = rule("get", "pods");
  private static final PolicyRule LIST_SECRETS = rule("list", "secrets");

  /**
   * Spec section 5: an aggregationRule with an empty selector list is invalid input (reported), and where one exists
   * anyway the controller's update fails and the role keeps its own rules.
   */
  @Test
  void aggregationRuleWithNoSelectorsIsReportedAndKeepsItsOwnRules() {
    Inventory inventory =
        PolicyFixtures.load(
            "no-selectors.yaml",
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: no-selectors}
            aggregationRule:
              clusterRoleSelectors: []
            rules:
            - {apiGroups: [""], resources: [pods], verbs: [get]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: other, labels: {x: y}}
            rules:
            - {apiGroups: [""], resources: [secrets], verbs: [list]}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: bind}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: no-selectors}
            subjects: [{apiGroup: rbac.authorization.k8s.io, kind: User, name: u}]
            """,
            "none");
    assertTrue(inventory.problems().stream().anyMatch(p -> p.isError()), () -> inventory.problems().toString());
    Authorizer authorizer = new Authorizer(inventory);
    assertTrue(
        authorizer.authorize(USER, Request.resource("get", "", "pods", "", "dev", "")).allowed(),
        "an aggregated ClusterRole with clusterRoleSelectors: [] keeps its own rules");
    assertFalse(
        authorizer.authorize(USER, Request.resource("list", "", "secrets", "", "dev", "")).allowed(),
        "an empty selector list selects nothing (unlike the empty selector {})");
  }

  /** Cluster mode (AggregationMode.STORED): the aggregated role's stored rules are what the authorizer uses. */
  @Test
  void storedModeUsesTheRulesTheControllerStored() {
    Role aggregated =
        clusterRole("aggregated", Map.of(), List.of(GET_PODS), List.of(new LabelSelector(Map.of("x", "y"), null)));
    Role source = clusterRole("source", Map.of("x", "y"), List.of(LIST_SECRETS), null);
    Authorizer stored = authorizer(List.of(aggregated, source), "aggregated", AggregationMode.STORED);

    assertTrue(stored.authorize(USER, Request.resource("get", "", "pods", "", "dev", "")).allowed());
    assertFalse(stored.authorize(USER, Request.resource("list", "", "secrets", "", "dev", "")).allowed());

    Authorizer computed = authorizer(List.of(aggregated, source), "aggregated", AggregationMode.COMPUTE);
    assertFalse(computed.authorize(USER, Request.resource("get", "", "pods", "", "dev", "")).allowed());
    assertTrue(computed.authorize(USER, Request.resource("list", "", "secrets", "", "dev", "")).allowed());
  }

  /**
   * Cluster mode keeps the stored rules but names the selected role that holds each one as its source, as computed
   * aggregation does: a user role aggregated into a default role must stay visible as where a grant comes from.
   */
  @Test
  void storedRulesAreAttributedToTheSelectedRoleThatHoldsThem() {
    Role aggregated = clusterRole("aggregated", Map.of(), List.of(GET_PODS, LIST_SECRETS),
        List.of(new LabelSelector(Map.of("x", "y"), null)));
    Role source = clusterRole("source", Map.of("x", "y"), List.of(LIST_SECRETS), null);
    List<EffectiveRule> rules =
        Aggregator.effectiveRules(List.of(aggregated, source), AggregationMode.STORED).get("aggregated");
    assertEquals(2, rules.size(), rules::toString);
    assertEquals("aggregated", rules.get(0).source().name(), "a stored rule no selected role holds stays its own");
    assertEquals("source", rules.get(1).source().name(), rules::toString);
    assertEquals(0, rules.get(1).index());
  }

  /** Section 5: identical rules are listed once, whatever role they came from. */
  @Test
  void identicalRulesFromSeveralSourcesAreListedOnce() {
    Role aggregated = clusterRole("agg", Map.of(), List.of(), List.of(new LabelSelector(Map.of("x", "y"), null)));
    Role a = clusterRole("a", Map.of("x", "y"), List.of(GET_PODS, LIST_SECRETS), null);
    Role b = clusterRole("b", Map.of("x", "y"), List.of(rule("get", "pods")), null);
    Role c = clusterRole("c", Map.of("x", "y"), List.of(GET_PODS), null);
    Map<String, List<EffectiveRule>> rules =
        Aggregator.effectiveRules(List.of(aggregated, a, b, c), AggregationMode.COMPUTE);
    assertEquals(2, rules.get("agg").size(), () -> rules.get("agg").toString());
  }

  /** Section 5: rules differing only in list order are different rules (the controller compares them as written). */
  @Test
  void rulesDifferingInOrderAreNotMerged() {
    Role aggregated = clusterRole("agg", Map.of(), List.of(), List.of(new LabelSelector(Map.of("x", "y"), null)));
    Role a = clusterRole("a", Map.of("x", "y"), List.of(rule(List.of("get", "list"), "pods")), null);
    Role b = clusterRole("b", Map.of("x", "y"), List.of(rule(List.of("list", "get"), "pods")), null);
    Map<String, List<EffectiveRule>> rules = Aggregator.effectiveRules(List.of(aggregated, a, b), AggregationMode.COMPUTE);
    assertEquals(2, rules.get("agg").size(), () -> rules.get("agg").toString());
  }

  /**
   * Aggregator.selectAll finds candidates through a label index; it must select exactly what the definition says
   * (every other role by name that one selector matches, in list order) for matchLabels, every operator, the empty
   * selector, duplicate names and roles without labels.
   */
  @Test
  void selectAllSelectsWhatEverySelectorMatches() {
    Random random = new Random(11);
    String[] keys = {"a", "b", "c"};
    String[] values = {"x", "y"};
    for (int round = 0; round < 300; round++) {
      List<Role> roles = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        Map<String, String> labels = new HashMap<>();
        for (String k : keys) {
          if (random.nextInt(3) > 0) {
            labels.put(k, values[random.nextInt(values.length)]);
          }
        }
        List<LabelSelector> selectors = null;
        if (random.nextInt(3) == 0) {
          selectors = new ArrayList<>();
          for (int s = random.nextInt(3); s > 0; s--) {
            selectors.add(selector(random, keys, values));
          }
        }
        roles.add(clusterRole("r" + random.nextInt(10), labels, List.of(GET_PODS), selectors));
      }
      Map<Role, List<Role>> selected = Aggregator.selectAll(roles);
      for (Role target : roles) {
        if (target.isAggregated()) {
          List<Role> expected = roles.stream()
              .filter(c -> !c.name().equals(target.name()))
              .filter(c -> target.aggregationSelectors().stream().anyMatch(s -> s.matches(c.meta().labels())))
              .toList();
          assertEquals(expected, selected.get(target), target.toString());
        }
      }
    }
  }

  private static LabelSelector selector(Random random, String[] keys, String[] values) {
    Map<String, String> matchLabels = new HashMap<>();
    for (int n = random.nextInt(3); n > 0; n--) {
      matchLabels.put(keys[random.nextInt(keys.length)], values[random.nextInt(values.length)]);
    }
    List<LabelSelector.Requirement> expressions = new ArrayList<>();
    for (int n = random.nextInt(2); n > 0; n--) {
      LabelSelector.Operator op = LabelSelector.Operator.values()[random.nextInt(4)];
      List<String> vs = op == LabelSelector.Operator.IN || op == LabelSelector.Operator.NOT_IN
          ? List.of(values[random.nextInt(values.length)]) : List.of();
      expressions.add(new LabelSelector.Requirement(keys[random.nextInt(keys.length)], op, vs));
    }
    return new LabelSelector(matchLabels, expressions);
  }

  private static final UserInfo USER = new UserInfo("u", List.of());

  private static Authorizer authorizer(List<Role> roles, String bound, AggregationMode mode) {
    Binding binding =
        new Binding(
            BindingKind.CLUSTER_ROLE_BINDING,
            new ObjectMeta("bind-" + bound, null, null, null, HERE),
            new RoleRef("ClusterRole", bound, "rbac.authorization.k8s.io"),
            List.of(Subject.user("u")),
            false);
    Inventory inventory =
        new Inventory(roles, List.of(binding), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(), List.of());
    return new Authorizer(inventory, mode);
  }

  private static Role clusterRole(
      String name, Map<String, String> labels, List<PolicyRule> rules, List<LabelSelector> selectors) {
    return new Role(RoleKind.CLUSTER_ROLE, new ObjectMeta(name, null, labels, null, HERE), rules, selectors, false);
  }

  private static PolicyRule rule(String verb, String resource) {
    return rule(List.of(verb), resource);
  }

  private static PolicyRule rule(List<String> verbs, String resource) {
    return new PolicyRule(verbs, List.of(""), List.of(resource), List.of(), List.of(), HERE);
  }
}

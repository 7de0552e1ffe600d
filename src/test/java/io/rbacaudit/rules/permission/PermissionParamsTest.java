package io.rbacaudit.rules.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rbacaudit.rules.RuleDefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The permission template rejects bad params with every problem at once, each naming its field. */
class PermissionParamsTest {

  private static List<String> problems(String paramsYaml) {
    return assertThrows(RuleDefinitionException.class,
        () -> new PermissionTemplate().compile(Scan.rule(paramsYaml))).problems();
  }

  @Test
  void everyProblemIsReportedWithItsField() {
    List<String> problems = problems("""
        anyOf:
        - verbs: get
          apiGroups: [""]
          resources: []
          names: [x]
        - {verbs: [get], apiGroups: [""], resources: ["pods/exec/x", "has space"]}
        extra: 1
        """);
    assertEquals(List.of(
        "params.extra: unknown parameter; the permission template takes anyOf or allOf, and namespaces",
        "params.anyOf[0].names: unknown key; a request has verbs, apiGroups, resources, resourceNames",
        "params.anyOf[0].verbs: must be a non-empty list",
        "params.anyOf[0].resources: must be a non-empty list",
        "params.anyOf[1].resources: 'pods/exec/x' is not a resource or resource/subresource",
        "params.anyOf[1].resources: 'has space' is not a resource or resource/subresource"), problems);
  }

  @Test
  void exactlyOneOfAnyOfAndAllOf() {
    assertEquals(List.of("params: give exactly one of anyOf (flag any one request) or allOf (a list of anyOf groups "
        + "that must all hold in one scope)"), problems("namespaces: [a]"));
    assertEquals(1, problems("anyOf: []\nallOf: []").size());
  }

  @Test
  void allOfNeedsTwoGroupsOfRequests() {
    assertEquals(List.of("params.allOf: needs at least two groups; use anyOf for one"),
        problems("allOf:\n- [ {verbs: [get], apiGroups: [\"\"], resources: [pods]} ]"));
    assertEquals(List.of("params.allOf[1]: must be a non-empty list"),
        problems("allOf:\n- [ {verbs: [get], apiGroups: [\"\"], resources: [pods]} ]\n- {verbs: [get]}"));
  }

  @Test
  void namespacesCannotApplyToClusterScopedResources() {
    assertEquals(List.of("params.namespaces: nodes/proxy is cluster-scoped, so namespaces cannot apply"),
        problems("namespaces: [kube-system]\nanyOf:\n- {verbs: [get], apiGroups: [\"\"], resources: [nodes/proxy]}"));
  }

  @Test
  void valuesYamlReadsAsOtherTypesMustBeQuoted() {
    assertEquals(List.of("params.anyOf[0].verbs: must be a list of non-empty strings; quote values YAML would read "
        + "otherwise (\"yes\", \"on\", numbers)"),
        problems("anyOf:\n- {verbs: [on], apiGroups: [\"\"], resources: [pods]}"));
  }
}

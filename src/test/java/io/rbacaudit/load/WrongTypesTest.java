package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input Kubernetes' strict decoding or validation would reject: one located error naming the field path and the
 * fix, that object skipped, and the next document still loaded.
 */
class WrongTypesTest {

  private static final String ROLE = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\n";
  private static final String BINDING = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\n"
      + "metadata: {name: b}\n";
  private static final String POD = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n";
  private static final String NEXT = "---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: next}\n";

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, yaml, line of the error, expected text in the message
        Arguments.of("verbs as a string", ROLE + "metadata: {name: r}\nrules:\n- apiGroups: ['']\n  resources: [pods]\n"
            + "  verbs: get\n", 7, "ClusterRole r skipped: rules[0].verbs: expected a list of strings, got a string "
            + "\"get\"; write verbs: [\"get\"]"),
        Arguments.of("integer name", ROLE + "metadata:\n  name: 123\n", 4,
            "metadata.name: expected a string, got an integer 123; quote it: name: \"123\""),
        Arguments.of("boolean name", ROLE + "metadata:\n  name: yes\n", 4,
            "metadata.name: expected a string, got a boolean yes"),
        Arguments.of("number label", ROLE + "metadata:\n  name: r\n  labels:\n    version: 1.0\n", 6,
            "metadata.labels.version: expected a string, got a number 1.0; quote it: version: \"1.0\""),
        Arguments.of("labels as a list", ROLE + "metadata:\n  name: r\n  labels: [a]\n", 5,
            "metadata.labels: expected a mapping, got a list"),
        Arguments.of("namespace as a mapping", "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: s\n"
            + "  namespace: {a: b}\n", 5, "metadata.namespace: expected a string, got a mapping"),
        Arguments.of("missing name", ROLE + "metadata:\n  labels: {a: b}\n", 4, "metadata.name: missing"),
        Arguments.of("missing metadata", ROLE + "rules: []\n", 1, "metadata: missing"),
        Arguments.of("rules as a mapping", ROLE + "metadata: {name: r}\nrules: {verbs: [get]}\n", 4,
            "rules: expected a list"),
        Arguments.of("rule as a string", ROLE + "metadata: {name: r}\nrules:\n- get pods\n", 5,
            "rules[0]: expected a mapping, got a string \"get pods\""),
        Arguments.of("integer resource name", ROLE + "metadata: {name: r}\nrules:\n- apiGroups: ['']\n"
            + "  resources: [services]\n  resourceNames: [web, 8080]\n  verbs: [get]\n", 7,
            "rules[0].resourceNames[1]: expected a string, got an integer 8080"),
        Arguments.of("unknown selector operator", ROLE + "metadata: {name: r}\naggregationRule:\n"
            + "  clusterRoleSelectors:\n  - matchExpressions:\n    - {key: a, operator: in, values: [x]}\n", 7,
            "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].operator: unknown operator \"in\""),
        Arguments.of("missing roleRef", BINDING + "subjects: []\n", 1, "roleRef: missing"),
        Arguments.of("missing roleRef name", BINDING + "roleRef: {kind: ClusterRole, apiGroup: x}\n", 4,
            "roleRef.name: missing"),
        Arguments.of("subjects as a mapping", BINDING + "roleRef: {kind: ClusterRole, name: v}\n"
            + "subjects: {kind: User, name: a}\n", 5, "subjects: expected a list"),
        Arguments.of("subject without name", BINDING + "roleRef: {kind: ClusterRole, name: v}\n"
            + "subjects:\n- {kind: User}\n", 6, "subjects[0].name: missing"),
        Arguments.of("quoted boolean", "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: s}\n"
            + "automountServiceAccountToken: \"false\"\n", 4,
            "automountServiceAccountToken: expected true or false, got a string \"false\""),
        Arguments.of("integer hostPID", POD + "spec:\n  hostPID: 1\n  containers: []\n", 5,
            "spec.hostPID: expected true or false, got an integer 1"),
        Arguments.of("containers as a mapping", POD + "spec:\n  containers: {name: c}\n", 5,
            "spec.containers: expected a list"),
        Arguments.of("env as a string", POD + "spec:\n  containers:\n  - name: c\n    env: A=b\n", 7,
            "spec.containers[0].env: expected a list"),
        Arguments.of("deployment without pod template", "apiVersion: apps/v1\nkind: Deployment\n"
            + "metadata: {name: d}\nspec: {replicas: 1}\n", 4, "spec.template: missing"),
        Arguments.of("cronjob without job template", "apiVersion: batch/v1\nkind: CronJob\n"
            + "metadata: {name: c}\nspec: {schedule: '* * * * *'}\n", 4, "spec.jobTemplate: missing"),
        Arguments.of("pod without spec", POD, 1, "spec: missing"),
        Arguments.of("unknown apiVersion", "apiVersion: apps/v2\nkind: Deployment\nmetadata: {name: d}\n", 1,
            "apiVersion: \"apps/v2\" is not an apiVersion of Deployment; use apps/v1"),
        Arguments.of("statefulset in extensions", "apiVersion: extensions/v1beta1\nkind: StatefulSet\n"
            + "metadata: {name: s}\n", 1, "is not an apiVersion of StatefulSet"),
        Arguments.of("job in batch/v1beta1", "apiVersion: batch/v1beta1\nkind: Job\nmetadata: {name: j}\n", 1,
            "is not an apiVersion of Job; use batch/v1"),
        Arguments.of("role in v1", "apiVersion: v1\nkind: Role\nmetadata: {name: r}\n", 1,
            "use rbac.authorization.k8s.io/v1"),
        Arguments.of("missing kind", "apiVersion: v1\nmetadata: {name: x}\n", 1, "kind: missing"),
        Arguments.of("missing apiVersion", "kind: ServiceAccount\nmetadata: {name: x}\n", 1,
            "apiVersion: missing"),
        Arguments.of("kind as a number", "apiVersion: v1\nkind: 5\nmetadata: {name: x}\n", 2,
            "kind: expected a string, got an integer 5"),
        Arguments.of("document is a list", "- apiVersion: v1\n  kind: ServiceAccount\n", 1,
            "expected a Kubernetes object"),
        Arguments.of("un-rendered Helm value", ROLE + "metadata:\n  name: {{ .Values.name }}\n", 4,
            "looks like an un-rendered Helm template: run `helm template` first"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsOneLocatedErrorAndSkipsTheObject(String name, String yaml, int line, String expected) {
    Inventory inv = Loads.text(yaml + NEXT);
    List<Problem> errors = Loads.errors(inv);
    assertEquals(1, errors.size(), () -> "problems: " + inv.problems());
    Problem error = errors.get(0);
    assertTrue(error.message().contains(expected), () -> "message: " + error.message());
    assertEquals(Loads.FILE, error.location().file());
    assertEquals(line, error.location().line(), () -> "at " + error);
    assertTrue(error.location().column() > 0, "errors carry a column");
    assertTrue(error.message().indexOf('\n') < 0, "one line");
    assertEquals(List.of("next"), inv.serviceAccounts().stream().map(s -> s.name()).toList(),
        "only the next document's object is loaded");
    assertEquals(1, Loads.objectCount(inv));
  }
}

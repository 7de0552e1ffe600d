package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleRef;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each modelled kind is read field by field, exactly as written. */
class ObjectDecodingTest {

  @Test
  void rulesKeepEveryListAsWrittenAndMissingOrNullListsAreEmpty() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: ns}
        rules:
        - apiGroups: ["", apps]
          resources: [pods, pods/log, Deployments]
          resourceNames: [a]
          verbs: [GET, "*"]
          nonResourceURLs: null
        """);
    assertEquals(List.of(), inv.problems());
    PolicyRule rule = inv.roles().get(0).rules().get(0);
    assertEquals(List.of("GET", "*"), rule.verbs());
    assertEquals(List.of("", "apps"), rule.apiGroups());
    assertEquals(List.of("pods", "pods/log", "Deployments"), rule.resources());
    assertEquals(List.of("a"), rule.resourceNames());
    assertEquals(List.of(), rule.nonResourceURLs());
    assertNull(inv.roles().get(0).aggregationSelectors());
  }

  @Test
  void rolesWithoutRulesOrWithNullRulesHaveNone() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1beta1
        kind: ClusterRole
        metadata: {name: a}
        ---
        apiVersion: rbac.authorization.k8s.io/v1alpha1
        kind: ClusterRole
        metadata: {name: b}
        rules: null
        """);
    assertEquals(List.of(), inv.problems());
    assertTrue(inv.roles().stream().allMatch(r -> r.rules().isEmpty()));
  }

  @Test
  void rulesTheApiServerWouldRejectAreKeptWithAWarning() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: r}
        rules:
        - apiGroups: [""]
          resources: [pods]
          verbs: []
        - verbs: [get]
        - apiGroups: [""]
          verbs: [get]
        """);
    assertTrue(Loads.errors(inv).isEmpty());
    assertEquals(3, inv.roles().get(0).rules().size());
    List<Problem> warnings = Loads.warnings(inv);
    assertEquals(3, warnings.size());
    assertEquals(5, warnings.get(0).location().line());
    assertTrue(warnings.get(0).message().contains("rules[0].verbs"));
    assertTrue(warnings.get(1).message().contains("rules[1]"));
    assertTrue(warnings.stream().allMatch(w -> w.message().contains("API server would reject")));
  }

  @Test
  void aNamespacelessServiceAccountInAClusterRoleBindingIsKeptWithAWarningThatItNeverMatches() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
        - kind: ServiceAccount
          name: argo
        - kind: ServiceAccount
          name: ok
          namespace: argo
        """);
    assertTrue(Loads.errors(inv).isEmpty());
    assertEquals(2, inv.bindings().get(0).subjects().size());
    List<Problem> warnings = Loads.warnings(inv);
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals(6, warnings.get(0).location().line());
    assertTrue(warnings.get(0).message().contains("never matches"), warnings.get(0).message());
  }

  @Test
  void aggregationRuleBecomesLabelSelectors() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: agg}
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {rbac.example.com/aggregate: "true"}
          - matchExpressions:
            - {key: tier, operator: In, values: [a, b]}
            - {key: x, operator: NotIn, values: [c]}
            - {key: y, operator: Exists}
            - {key: z, operator: DoesNotExist}
          - {}
        rules: []
        """);
    assertEquals(List.of(), inv.problems());
    List<LabelSelector> sel = inv.roles().get(0).aggregationSelectors();
    assertEquals(3, sel.size());
    assertEquals(Map.of("rbac.example.com/aggregate", "true"), sel.get(0).matchLabels());
    assertEquals(List.of(LabelSelector.Operator.IN, LabelSelector.Operator.NOT_IN, LabelSelector.Operator.EXISTS,
        LabelSelector.Operator.DOES_NOT_EXIST),
        sel.get(1).matchExpressions().stream().map(LabelSelector.Requirement::operator).toList());
    assertEquals(List.of("a", "b"), sel.get(1).matchExpressions().get(0).values());
    assertTrue(sel.get(2).matchLabels().isEmpty() && sel.get(2).matchExpressions().isEmpty());
  }

  @Test
  void aggregationRuleNullMeansNotAggregated() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        aggregationRule: null
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        """);
    assertEquals(List.of(), inv.problems());
    assertFalse(inv.roles().get(0).isAggregated());
  }

  @ParameterizedTest(name = "aggregationRule: {0}")
  @CsvSource(delimiter = '|', value = {"{}", "{clusterRoleSelectors: []}", "{clusterRoleSelectors: null}"})
  void aggregationRuleWithoutSelectorsIsAnErrorButTheRoleKeepsItsOwnRules(String rule) {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: c}
        aggregationRule: %s
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        """.formatted(rule));
    assertEquals(1, Loads.errors(inv).size());
    assertEquals(4, Loads.errors(inv).get(0).location().line());
    assertTrue(Loads.errors(inv).get(0).message().contains("clusterRoleSelectors"));
    Role role = inv.roles().get(0);
    assertNull(role.aggregationSelectors());
    assertEquals(1, role.rules().size());
  }

  @Test
  void bindingsKeepRoleRefAndSubjectsAsWritten() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: b, namespace: ns}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}
        subjects:
        - {kind: User, name: alice, apiGroup: rbac.authorization.k8s.io}
        - {kind: Group, name: devs}
        - {kind: ServiceAccount, name: bot}
        - {kind: ServiceAccount, name: other, namespace: elsewhere}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: nobody}
        roleRef: {kind: Role, name: r}
        """);
    assertEquals(List.of(), inv.problems());
    Binding b = inv.bindings().get(0);
    assertEquals(BindingKind.ROLE_BINDING, b.kind());
    assertEquals(new RoleRef("ClusterRole", "edit", "rbac.authorization.k8s.io"), b.roleRef());
    assertEquals(List.of(Subject.user("alice"), Subject.group("devs"), Subject.serviceAccount(null, "bot"),
        Subject.serviceAccount("elsewhere", "other")), b.subjects());
    Binding crb = inv.bindings().get(1);
    assertEquals(new RoleRef("Role", "r", null), crb.roleRef());
    assertEquals(List.of(), crb.subjects());
  }

  @Test
  void subjectsOfAKindKubernetesNeverMatchesAreDroppedWithAWarning() {
    Inventory inv = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: b}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
        - {kind: user, name: alice}
        - {kind: Group, name: devs}
        - {kind: SystemGroup, name: x}
        """);
    assertTrue(Loads.errors(inv).isEmpty());
    assertEquals(List.of(Subject.group("devs")), inv.bindings().get(0).subjects());
    List<Problem> w = Loads.warnings(inv);
    assertEquals(2, w.size());
    assertEquals(6, w.get(0).location().line());
    assertTrue(w.get(0).message().contains("subjects[0].kind") && w.get(0).message().contains("\"user\""));
  }

  @Test
  void serviceAccountsNamespacesAndSecrets() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: sa, namespace: ns}
        automountServiceAccountToken: false
        secrets: [{name: sa-token-abc}, {name: other}]
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: plain, namespace: ns}
        ---
        apiVersion: v1
        kind: Namespace
        metadata: {name: ns, labels: {team: a}}
        ---
        apiVersion: v1
        kind: Secret
        type: kubernetes.io/service-account-token
        metadata:
          name: sa-token-abc
          namespace: ns
          labels: {dropped: "yes"}
          annotations: {kubernetes.io/service-account.name: sa}
        data: {token: c2VjcmV0}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: opaque, namespace: ns}
        """);
    assertEquals(List.of(), inv.problems());
    ServiceAccount sa = inv.serviceAccounts().get(0);
    assertEquals(Boolean.FALSE, sa.automountServiceAccountToken());
    assertEquals(List.of("sa-token-abc", "other"), sa.secrets());
    assertNull(inv.serviceAccounts().get(1).automountServiceAccountToken());
    assertEquals(Map.of("team", "a"), inv.namespaces().get(0).meta().labels());
    Secret token = inv.secrets().get(0);
    assertTrue(token.isServiceAccountToken());
    assertEquals("sa", token.serviceAccountName());
    assertTrue(token.meta().labels().isEmpty());
    assertEquals("Opaque", inv.secrets().get(1).type());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "Pod, v1, spec",
    "ReplicationController, v1, spec.template.spec",
    "Deployment, apps/v1, spec.template.spec",
    "Deployment, extensions/v1beta1, spec.template.spec",
    "StatefulSet, apps/v1beta1, spec.template.spec",
    "DaemonSet, apps/v1beta2, spec.template.spec",
    "ReplicaSet, extensions/v1beta1, spec.template.spec",
    "Job, batch/v1, spec.template.spec",
    "CronJob, batch/v1beta1, spec.jobTemplate.spec.template.spec",
    "CronJob, batch/v2alpha1, spec.jobTemplate.spec.template.spec",
  })
  void everyWorkloadKindFindsItsPodSpec(String kind, String apiVersion, String podSpecPath) {
    StringBuilder yaml = new StringBuilder("apiVersion: " + apiVersion + "\nkind: " + kind
        + "\nmetadata: {name: w}\n");
    String indent = "";
    for (String step : podSpecPath.split("\\.")) {
      yaml.append(indent).append(step).append(":\n");
      indent += "  ";
    }
    yaml.append(indent).append("serviceAccountName: runner\n").append(indent).append("containers: [{name: c}]\n");
    Inventory inv = Loads.text(yaml.toString());
    assertEquals(List.of(), inv.problems());
    Workload w = inv.workloads().get(0);
    assertEquals(WorkloadKind.fromKube(kind).orElseThrow(), w.kind());
    assertEquals("runner", w.pod().serviceAccountName());
    assertEquals(Subject.serviceAccount("default", "runner"), w.serviceAccount());
  }

  @Test
  void podSpecKeepsTokenAndNodeAccessFacts() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: ns}
        spec:
          serviceAccount: legacy
          automountServiceAccountToken: true
          hostPID: true
          hostNetwork: true
          hostIPC: false
          nodeName: node-1
          volumes:
          - {name: tok, secret: {secretName: default-token-abc}}
          - name: proj
            projected:
              sources:
              - serviceAccountToken: {path: token, expirationSeconds: 3600}
              - secret: {name: s1}
              - configMap: {name: cm}
          - {name: root, hostPath: {path: /}}
          - {name: scratch, emptyDir: {}}
          containers:
          - name: main
            securityContext: {privileged: true}
            volumeMounts: [{name: tok, mountPath: /var/run/secrets/kubernetes.io/serviceaccount}]
            env:
            - {name: A, value: literal}
            - name: B
              valueFrom: {secretKeyRef: {name: creds, key: password}}
            envFrom: [{secretRef: {name: bulk}}, {configMapRef: {name: cm}}]
          initContainers: [{name: init}]
          ephemeralContainers: [{name: debug}]
        """);
    assertEquals(List.of(), inv.problems());
    PodSpec pod = inv.workloads().get(0).pod();
    assertNull(pod.serviceAccountName());
    assertEquals("legacy", pod.deprecatedServiceAccount());
    assertEquals("legacy", pod.effectiveServiceAccountName());
    assertEquals(Boolean.TRUE, pod.automountServiceAccountToken());
    assertTrue(pod.hostPID() && pod.hostNetwork() && !pod.hostIPC());
    assertEquals("node-1", pod.nodeName());
    assertEquals(List.of(
        new PodSpec.Volume("tok", PodSpec.VolumeType.SECRET, "default-token-abc", false, List.of(), null),
        new PodSpec.Volume("proj", PodSpec.VolumeType.PROJECTED, null, true, List.of("s1"), null),
        new PodSpec.Volume("root", PodSpec.VolumeType.HOST_PATH, null, false, List.of(), "/"),
        new PodSpec.Volume("scratch", PodSpec.VolumeType.OTHER, null, false, List.of(), null)), pod.volumes());
    assertEquals(List.of(
        new PodSpec.Container("main", PodSpec.ContainerType.CONTAINER, true,
            List.of(new PodSpec.VolumeMount("tok", PodSpec.TOKEN_MOUNT_PATH)), List.of("creds", "bulk")),
        new PodSpec.Container("init", PodSpec.ContainerType.INIT, false, List.of(), List.of()),
        new PodSpec.Container("debug", PodSpec.ContainerType.EPHEMERAL, false, List.of(), List.of())),
        pod.containers());
  }

  @Test
  void aPodWithoutServiceAccountRunsAsDefault() {
    Inventory inv = Loads.text("""
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {containers: [{name: c}]}
        """);
    assertEquals(Subject.serviceAccount("default", "default"), inv.workloads().get(0).serviceAccount());
  }
}

package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The subject view's permission matrix, case by case: each case binds a role to {@code ServiceAccount app/app} and
 * lists the cells it then holds, one string per holding ({@code SCOPE ROLE: row verb [names]...}).
 */
class SubjectAccessTest {

  private static final Subject APP = Subject.serviceAccount("app", "app");

  private static final String CRB = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: app}
      subjects: [{kind: ServiceAccount, name: app, namespace: app}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
      ---
      """;
  private static final String RB = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: app, namespace: app}
      subjects: [{kind: ServiceAccount, name: app}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: r}
      ---
      """;

  private static String clusterRole(String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: r}\nrules:\n" + rules;
  }

  static Stream<Arguments> cases() {
    String wildcard = clusterRole("- {apiGroups: ['*'], resources: ['*'], verbs: ['*']}\n"
        + "- {nonResourceURLs: ['*'], verbs: ['*']}\n");
    String named = clusterRole("- {apiGroups: [''], resources: [secrets], verbs: [get], resourceNames: [a, b]}\n"
        + "- {apiGroups: [''], resources: [secrets], verbs: [list]}\n"
        + "- {apiGroups: [''], resources: [configmaps], verbs: [get], resourceNames: [c]}\n"
        + "- {apiGroups: [''], resources: [configmaps], verbs: [get]}\n");
    String mixed = clusterRole("- {apiGroups: ['', apps], resources: [nodes, deployments, pods/exec], verbs: [create]}\n"
        + "- {nonResourceURLs: [/metrics], verbs: [get]}\n");
    String aggregated = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: r}
        aggregationRule:
          clusterRoleSelectors: [{matchLabels: {aggregate-to-r: "true"}}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: part, labels: {aggregate-to-r: "true"}}
        rules:
        - {apiGroups: [batch], resources: [jobs], verbs: [get, delete]}
        """;
    return Stream.of(
        Arguments.of("wildcards stay wildcards", CRB + wildcard,
            List.of("cluster-wide ClusterRole/r: *.* * | url * *")),
        Arguments.of("resourceNames limit a cell unless another rule grants it whole", CRB + named,
            List.of("cluster-wide ClusterRole/r: configmaps get | secrets get [a, b] | secrets list")),
        Arguments.of("cluster-wide keeps URLs and cluster-scoped resources", CRB + mixed,
            List.of("cluster-wide ClusterRole/r: deployments create | deployments.apps create | nodes create"
                + " | nodes.apps create | pods/exec create | pods/exec.apps create | url /metrics get")),
        Arguments.of("in a namespace, URLs and cluster-scoped resources grant nothing", RB + mixed,
            List.of("app ClusterRole/r: deployments create | deployments.apps create | nodes.apps create"
                + " | pods/exec create | pods/exec.apps create")),
        Arguments.of("an aggregated role holds the rules of the roles it selects", CRB + aggregated,
            List.of("cluster-wide ClusterRole/r: jobs.batch delete | jobs.batch get")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matrix(String name, String yaml, List<String> expected) {
    SubjectAccess access = access(yaml, List.of(APP));
    assertEquals(expected, holdings(access, access.subjects().get(0)));
  }

  @Test
  void profilesAreSharedAndGroupsSaySoAndBuiltInsAreMarked() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: view, namespace: app}
        subjects: [{kind: ServiceAccount, name: a, namespace: app}, {kind: ServiceAccount, name: b, namespace: app}]
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: all-sa, namespace: app}
        subjects: [{kind: Group, name: "system:serviceaccounts:app"}]
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        """;
    SubjectAccess access = access(yaml, List.of(Subject.serviceAccount("app", "a"), Subject.serviceAccount("app", "b")));
    assertEquals(1, access.profiles().size(), "one role in one kind of scope: one profile for both subjects");
    assertTrue(access.profiles().get(0).role().builtIn(), "view is the Kubernetes default");
    SubjectAccess.Entry a = access.subjects().get(0);
    assertEquals(2, a.holdings().size());
    assertEquals(null, a.holdings().get(0).via(), "named by the binding");
    assertEquals(Subject.group("system:serviceaccounts:app"), a.holdings().get(1).via(), "through its namespace's group");
    assertFalse(access.profiles().get(0).cells().isEmpty());
  }

  private static SubjectAccess access(String yaml, List<Subject> subjects) {
    Inventory inputs = new ManifestLoader(LoadOptions.defaults(), null).loadText("case.yaml", yaml);
    assertFalse(inputs.hasErrors(), inputs.problems().toString());
    Inventory inv = KubernetesDefaults.apply(inputs, DefaultsMode.ROLES);
    return SubjectAccess.of(new Authorizer(inv), ResourceTable.standard(), subjects);
  }

  private static List<String> holdings(SubjectAccess access, SubjectAccess.Entry e) {
    List<String> out = new ArrayList<>();
    for (SubjectAccess.Holding h : e.holdings()) {
      SubjectAccess.Profile p = access.profiles().get(h.profile());
      List<String> cells = new ArrayList<>();
      for (AccessMatrix.Cell c : p.cells()) {
        cells.add((c.url() ? "url " : "") + c.row() + " " + c.verb()
            + (c.resourceNames().isEmpty() ? "" : " " + c.resourceNames()));
      }
      out.add((h.namespace() == null ? "cluster-wide" : h.namespace()) + " " + p.role().kind().kubeName() + "/"
          + p.role().name() + ": " + String.join(" | ", cells));
    }
    return out;
  }
}

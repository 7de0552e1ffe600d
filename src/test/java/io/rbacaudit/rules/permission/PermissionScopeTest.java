package io.rbacaudit.rules.permission;

import static io.rbacaudit.rules.permission.Scan.clusterRole;
import static io.rbacaudit.rules.permission.Scan.crb;
import static io.rbacaudit.rules.permission.Scan.group;
import static io.rbacaudit.rules.permission.Scan.rb;
import static io.rbacaudit.rules.permission.Scan.role;
import static io.rbacaudit.rules.permission.Scan.rule;
import static io.rbacaudit.rules.permission.Scan.sa;
import static io.rbacaudit.rules.permission.Scan.summary;
import static io.rbacaudit.rules.permission.Scan.user;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a permission applies: a ClusterRoleBinding grants everywhere (one cluster-wide finding), a RoleBinding grants
 * namespaced requests in its namespace only (one finding per namespace), and cluster-scoped permissions through a
 * RoleBinding grant nothing. allOf groups must hold in one scope; namespaces limits where requests count.
 */
class PermissionScopeTest {

  private static final String SECRETS_READ =
      "anyOf:\n- {verbs: [get, list, watch], apiGroups: [\"\"], resources: [secrets]}";
  private static final String NODE_PROXY = "anyOf:\n- {verbs: [get], apiGroups: [\"\"], resources: [nodes/proxy]}";
  private static final String STEAL = """
      allOf:
      - [ {verbs: [delete], apiGroups: [""], resources: [pods]} ]
      - [ {verbs: [patch], apiGroups: [""], resources: [nodes]} ]
      """;
  private static final String KUBE_SYSTEM_CONFIG = """
      namespaces: [kube-system]
      anyOf:
      - {verbs: [update], apiGroups: [""], resources: [configmaps]}
      """;
  private static final String READ_SECRETS = rule("[\"\"]", "[secrets]", "[get, list]");

  @Test
  void clusterRoleBindingGivesOneClusterWideFindingAtTheRaisedSeverity() {
    String yaml = clusterRole("reader", READ_SECRETS) + crb("b", "reader", sa("mon", "agent"));
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), yaml);
    assertEquals(List.of("ServiceAccount/mon/agent@-"), summary(findings));
    assertEquals(Severity.CRITICAL, findings.get(0).severity());
  }

  @Test
  void roleBindingsGiveOneFindingPerNamespaceAtTheBaseSeverity() {
    String yaml = clusterRole("reader", READ_SECRETS) + rb("a", "b", "ClusterRole", "reader", user("u"))
        + rb("b", "b", "ClusterRole", "reader", user("u")) + rb("b", "b2", "ClusterRole", "reader", user("u"));
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), yaml);
    assertEquals(List.of("User/u@a", "User/u@b"), summary(findings));
    assertEquals(Severity.HIGH, findings.get(0).severity());
    assertEquals(2, findings.get(1).evidence().size(), "both RoleBindings in b are evidence");
  }

  @Test
  void aClusterWideFindingReplacesTheSubjectsNamespaceFindings() {
    String yaml = clusterRole("reader", READ_SECRETS) + crb("everywhere", "reader", user("u"))
        + rb("a", "here", "ClusterRole", "reader", user("u"));
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), yaml);
    assertEquals(List.of("User/u@-"), summary(findings));
    assertEquals(1, findings.get(0).evidence().size(), "only the cluster-wide grant is evidence");
  }

  @Test
  void aClusterScopedPermissionThroughARoleBindingGrantsNothing() {
    String nodes = clusterRole("proxy", rule("[\"\"]", "[nodes/proxy]", "[get]"));
    assertEquals(List.of(), summary(Scan.run(Scan.rule(NODE_PROXY),
        nodes + rb("mon", "b", "ClusterRole", "proxy", sa("mon", "grafana")))));
    assertEquals(List.of("ServiceAccount/mon/grafana@-"), summary(Scan.run(Scan.rule(NODE_PROXY),
        nodes + crb("b", "proxy", sa("mon", "grafana")))));
  }

  @Test
  void aServiceAccountWithoutNamespaceTakesTheRoleBindingsAndNeverMatchesInAClusterRoleBinding() {
    String subject = "- kind: ServiceAccount\n  name: worker";
    String yaml = clusterRole("reader", READ_SECRETS) + rb("jobs", "b", "ClusterRole", "reader", subject)
        + crb("b", "reader", subject);
    assertEquals(List.of("ServiceAccount/jobs/worker@jobs"), summary(Scan.run(Scan.rule(SECRETS_READ), yaml)));
  }

  @Test
  void aUserNamedLikeAServiceAccountIsThatServiceAccount() {
    String yaml = clusterRole("reader", READ_SECRETS) + rb("jobs", "as-user", "ClusterRole", "reader",
        user("system:serviceaccount:jobs:worker")) + rb("jobs", "as-sa", "ClusterRole", "reader", sa("jobs", "worker"));
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), yaml);
    assertEquals(List.of("ServiceAccount/jobs/worker@jobs"), summary(findings));
    assertEquals(2, findings.get(0).evidence().size());
  }

  @Test
  void allOfMayCombineAClusterWideGrantWithANamespacesGrant() {
    String yaml = clusterRole("nodes", rule("[\"\"]", "[nodes]", "[patch]")) + crb("n", "nodes", user("u"))
        + role("Role", "reaper", "batch", rule("[\"\"]", "[pods]", "[delete]")) + rb("batch", "r", "Role", "reaper",
            user("u"));
    List<Finding> findings = Scan.run(Scan.rule(STEAL), yaml);
    assertEquals(List.of("User/u@batch"), summary(findings));
    assertEquals(2, findings.get(0).evidence().size());
    assertEquals("User u can delete pods in namespace batch and patch nodes cluster-wide (ClusterRoleBinding n ->"
        + " ClusterRole nodes; RoleBinding batch/r -> Role batch/reaper).", findings.get(0).message());
  }

  @Test
  void allOfHoldsOnlyWhenEveryGroupHoldsInOneScope() {
    String onlyPods = clusterRole("reaper", rule("[\"\"]", "[pods]", "[delete]")) + crb("r", "reaper", user("u"));
    assertEquals(List.of(), summary(Scan.run(Scan.rule(STEAL), onlyPods)));
    String both = clusterRole("both", rule("[\"\"]", "[pods, nodes]", "[delete, patch]")) + crb("b", "both",
        user("u"));
    assertEquals(List.of("User/u@-"), summary(Scan.run(Scan.rule(STEAL), both)));
    String nodesThroughRoleBinding = clusterRole("both", rule("[\"\"]", "[pods, nodes]", "[delete, patch]"))
        + rb("batch", "b", "ClusterRole", "both", user("u"));
    assertEquals(List.of(), summary(Scan.run(Scan.rule(STEAL), nodesThroughRoleBinding)),
        "node writes through a RoleBinding have no effect");
  }

  @Test
  void namespacesLimitWhereRequestsCount() {
    String writer = clusterRole("writer", rule("[\"\"]", "[configmaps]", "[update]"));
    assertEquals(List.of("User/u@kube-system"),
        summary(Scan.run(Scan.rule(KUBE_SYSTEM_CONFIG), writer + crb("b", "writer", user("u")))),
        "a cluster-wide grant counts in the listed namespace");
    assertEquals(List.of(),
        summary(Scan.run(Scan.rule(KUBE_SYSTEM_CONFIG), writer + rb("apps", "b", "ClusterRole", "writer", user("u")))));
    List<Finding> local = Scan.run(Scan.rule(KUBE_SYSTEM_CONFIG),
        writer + rb("kube-system", "b", "ClusterRole", "writer", group("ops")));
    assertEquals(List.of("Group/ops@kube-system"), summary(local));
    assertEquals(Severity.HIGH, local.get(0).severity());
  }

  @Test
  void aRoleBindingInANamespaceGrantsUpdatesOfThatNamespaceObject() {
    String pattern = "anyOf:\n- {verbs: [update], apiGroups: [\"\"], resources: [namespaces]}";
    String yaml = clusterRole("ns-editor", rule("[\"\"]", "[namespaces]", "[update]"))
        + rb("team-a", "b", "ClusterRole", "ns-editor", user("u"));
    assertEquals(List.of("User/u@team-a"), summary(Scan.run(Scan.rule(pattern), yaml)));
  }

  @Test
  void aggregatedRolesAreJudgedByWhatTheyCollectNotByTheirOwnRules() {
    String yaml = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: aggregate}
        aggregationRule:
          clusterRoleSelectors:
          - matchLabels: {collect: "yes"}
        rules:
        - {apiGroups: [""], resources: [secrets], verbs: [get]}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: part
          labels: {collect: "yes"}
        rules:
        - {apiGroups: [""], resources: [pods], verbs: [get]}
        ---
        """ + crb("b", "aggregate", user("u"));
    assertEquals(List.of(), summary(Scan.run(Scan.rule(SECRETS_READ), yaml)),
        "the aggregated role's own rules are replaced by the controller");
    String withSecrets = yaml.replace("resources: [pods]", "resources: [pods, secrets]");
    List<Finding> findings = Scan.run(Scan.rule(SECRETS_READ), withSecrets);
    assertEquals(List.of("User/u@-"), summary(findings));
  }
}

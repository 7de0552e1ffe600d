package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.RoleId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the graph holds besides hops: parallel grants, who is bound to what, memberships, runs-as. */
class GraphStructureTest {

  private static final String TWO_GRANTS = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: Role
      metadata: {name: pods, namespace: ops}
      rules:
      - {apiGroups: [""], resources: [pods], verbs: [create]}
      - {apiGroups: [""], resources: ["*"], verbs: [create]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: one, namespace: ops}
      subjects: [{kind: ServiceAccount, name: dev, namespace: ops}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: RoleBinding
      metadata: {name: two, namespace: ops}
      subjects: [{kind: ServiceAccount, name: dev, namespace: ops}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods}
      ---
      apiVersion: v1
      kind: Pod
      metadata: {name: web, namespace: ops}
      spec:
        serviceAccountName: web
        containers: [{name: c, image: x}]
      """;

  private static AccessGraph graph() {
    Inventory inv = GraphFixtures.text("two-grants.yaml", TWO_GRANTS);
    return AccessGraph.build(inv, new Authorizer(inv));
  }

  @Test
  void parallelGrantsStayParallelEdges() {
    AccessGraph g = graph();
    Vertex dev = Vertex.Identity.of(Subject.serviceAccount("ops", "dev"));
    List<Edge> creates = g.outgoing(dev).stream().filter(e -> e.kind() == EdgeKind.POD_CREATE_ASSUME_SA).toList();
    // Two bindings x two rules: four grants of the same step, four edges to the same vertex.
    assertEquals(4, creates.size());
    assertTrue(creates.stream().allMatch(e -> e.target().equals(new Vertex.AnyServiceAccount("ops"))));
    assertEquals(4, creates.stream().map(e -> e.permit().grant()).distinct().count());
  }

  @Test
  void bindingsRolesMembershipsAndWorkloadsAreThere() {
    AccessGraph g = graph();
    Vertex dev = Vertex.Identity.of(Subject.serviceAccount("ops", "dev"));
    Vertex one = new Vertex.Binding(new ObjectRef("RoleBinding", "one", "ops"));
    assertTrue(g.outgoing(dev).contains(Edge.step(dev, one, EdgeKind.SUBJECT_OF)));
    Vertex role = new Vertex.Role(new RoleId(io.rbacaudit.model.RoleKind.ROLE, "pods", "ops", false));
    assertTrue(g.outgoing(one).contains(Edge.step(one, role, EdgeKind.ROLE_REF)));
    Vertex authenticated = Vertex.Identity.of(Subject.group("system:authenticated"));
    assertTrue(g.outgoing(dev).contains(Edge.step(dev, authenticated, EdgeKind.MEMBER_OF)));
    Vertex pod = new Vertex.Workload(new ObjectRef("Pod", "web", "ops"));
    Vertex web = Vertex.Identity.of(Subject.serviceAccount("ops", "web"));
    assertTrue(g.outgoing(pod).contains(Edge.step(pod, web, EdgeKind.RUNS_AS)));
    assertTrue(g.incoming(web).contains(Edge.step(Vertex.Target.NODE_ACCESS, web, EdgeKind.NODE_TOKEN)));
  }

  @Test
  void verticesReadAsJsonShapes() {
    assertEquals(List.of("ServiceAccount", "ops", "dev"), shape(Vertex.Identity.of(Subject.serviceAccount("ops", "dev"))));
    assertEquals(List.of("Group", "-", "g"), shape(Vertex.Identity.of(Subject.group("g"))));
    assertEquals(List.of("ServiceAccount", "ops", "*"), shape(new Vertex.AnyServiceAccount("ops")));
    assertEquals(List.of("Namespace", "-", "ops"), shape(new Vertex.NamespaceAdmin("ops")));
    assertEquals(List.of("Target", "-", "cluster-admin"), shape(Vertex.Target.CLUSTER_ADMIN));
  }

  private static List<String> shape(Vertex v) {
    return List.of(v.type(), v.namespace() == null ? "-" : v.namespace(), v.name());
  }
}

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

  private static final String FAN_OUTS = """
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRole
      metadata: {name: reader}
      rules:
      - {apiGroups: [""], resources: [secrets], verbs: [get]}
      - {apiGroups: [apps], resources: [deployments], verbs: [patch]}
      - {apiGroups: [""], resources: [users], verbs: [impersonate]}
      ---
      apiVersion: rbac.authorization.k8s.io/v1
      kind: ClusterRoleBinding
      metadata: {name: reader}
      subjects: [{kind: ServiceAccount, name: reader, namespace: ops}, {kind: User, name: alice}]
      roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: reader}
      """;

  private static String tokenSecret(String ns, String name, String sa) {
    return "---\napiVersion: v1\nkind: Secret\nmetadata: {name: " + name + ", namespace: " + ns
        + ", annotations: {kubernetes.io/service-account.name: " + sa + "}}\ntype: kubernetes.io/service-account-token\n";
  }

  private static String deployment(String ns, String name) {
    return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name + ", namespace: " + ns
        + "}\nspec: {template: {spec: {serviceAccountName: " + name + ", containers: [{name: c, image: x}]}}}\n";
  }

  /**
   * A grant without resourceNames is one edge to a fan-out vertex however many objects it opens (the graph stays
   * linear in the inventory), and a path through the fan-out still names the object chosen.
   */
  @Test
  void grantsWithoutNamesPointAtFanOutsThatNameTheObjectChosen() {
    StringBuilder yaml = new StringBuilder(FAN_OUTS);
    for (int n = 0; n < 20; n++) {
      for (int s = 0; s < 5; s++) {
        yaml.append(tokenSecret("ns-" + n, "sa-" + s + "-token", "sa-" + s)).append(deployment("ns-" + n, "app-" + s));
      }
    }
    Inventory inv = GraphFixtures.text("fan-outs.yaml", yaml.toString());
    AccessGraph g = AccessGraph.build(inv, new Authorizer(inv));
    Vertex reader = Vertex.Identity.of(Subject.serviceAccount("ops", "reader"));
    // One grant each: one edge each, not 100 (token Secrets), 20 (namespaces with a Deployment) or one per user.
    assertEquals(List.of(new Vertex.AnyTokenSecret(null)), targets(g, reader, EdgeKind.READ_TOKEN_SECRET));
    assertEquals(List.of(new Vertex.AnyController("Deployment")), targets(g, reader, EdgeKind.WORKLOAD_PATCH_ASSUME_SA));
    assertEquals(List.of(new Vertex.AnyUser()), targets(g, reader, EdgeKind.IMPERSONATE_USER));
    assertEquals(20, g.outgoing(new Vertex.AnyController("Deployment")).size());
    assertEquals(5, g.outgoing(new Vertex.AnyTokenSecret("ns-7")).size());

    Vertex victim = Vertex.Identity.of(Subject.serviceAccount("ns-7", "sa-3"));
    PathFinder finder = PathFinder.to(g, victim, 3);
    List<PathStep> hops = finder.paths(Subject.serviceAccount("ops", "reader"), 5).stream()
        .map(p -> p.hops().get(0)).toList();
    PathStep read = hops.stream().filter(h -> h.kind() == EdgeKind.READ_TOKEN_SECRET).findFirst().orElseThrow();
    assertEquals(victim, read.to());
    assertEquals(new Vertex.AnyTokenSecret("ns-7"), read.through());
    assertEquals("legacy token Secret ns-7/sa-3-token", read.detail());
    PathStep patch = hops.stream().filter(h -> h.kind() == EdgeKind.WORKLOAD_PATCH_ASSUME_SA).findFirst().orElseThrow();
    assertEquals(new Vertex.AnyServiceAccount("ns-7"), patch.through());
    assertEquals("switch the pod template of Deployment/ns-7/app-0 to another ServiceAccount", patch.detail());
  }

  private static List<Vertex> targets(AccessGraph g, Vertex from, EdgeKind kind) {
    return g.outgoing(from).stream().filter(e -> e.kind() == kind).map(Edge::target).toList();
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

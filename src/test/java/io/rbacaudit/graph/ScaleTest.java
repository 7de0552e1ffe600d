package io.rbacaudit.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Namespace;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.RoleRef;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import io.rbacaudit.rbac.Authorizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A synthetic cluster of 15 objects per namespace (ServiceAccounts, Deployments, a Role, RoleBindings to edit and
 * view, a token Secret) plus cluster-wide grants: building the graph and searching from every starting point stays
 * within seconds. {@code -Dgraph.scale=6500} runs it at about 100,000 objects.
 */
class ScaleTest {

  private static final Location AT = Location.file("synthetic.yaml", 1);

  @Test
  void buildsAndSearchesALargeInventoryInSeconds() {
    int namespaces = Integer.getInteger("graph.scale", 1500);
    Inventory inv = KubernetesDefaults.apply(synthetic(namespaces), DefaultsMode.ROLES);
    long start = System.nanoTime();
    AccessGraph graph = AccessGraph.build(inv, new Authorizer(inv));
    long built = System.nanoTime();
    PathFinder finder = PathFinder.to(graph, Vertex.Target.CLUSTER_ADMIN, 6);
    int reaching = 0;
    for (Subject s : graph.startingPoints()) {
      if (!finder.paths(s, 3).isEmpty()) {
        reaching++;
      }
    }
    long searched = System.nanoTime();
    System.out.printf("%d objects: %d vertices, %d edges; build %.2f s, paths from %d starting points %.2f s%n",
        namespaces * 15, graph.vertices().size(), graph.edges().size(), (built - start) / 1e9,
        graph.startingPoints().size(), (searched - built) / 1e9);
    assertTrue(reaching > 0);
    // Every ServiceAccount of ns-3 is one pod away from the cluster-admin ServiceAccount there (edit in ns-3).
    assertEquals(1, finder.paths(Subject.serviceAccount("ns-3", "sa-1"), 1).get(0).hopCount());
    assertTrue((searched - start) / 1e9 < 60, "quadratic somewhere: " + (searched - start) / 1e9 + " s");
  }

  static Inventory synthetic(int namespaces) {
    List<Role> roles = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    List<ServiceAccount> sas = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<Namespace> nss = new ArrayList<>();
    List<Workload> workloads = new ArrayList<>();
    for (int c = 0; c < 100; c++) {
      String verb = c % 10 == 0 ? "patch" : "watch";
      roles.add(new Role(RoleKind.CLUSTER_ROLE, meta("cr-" + c, null), List.of(
          rule(List.of("get", "list"), "", "pods", List.of()), rule(List.of("get", verb), "apps", "deployments", List.of())),
          null, false));
      bindings.add(binding("crb-" + c, null, "ClusterRole", "cr-" + c,
          Subject.serviceAccount("ns-" + (c * 7 % namespaces), "sa-0")));
    }
    bindings.add(binding("the-admin", null, "ClusterRole", "cluster-admin", Subject.serviceAccount("ns-3", "sa-4")));
    for (int n = 0; n < namespaces; n++) {
      String ns = "ns-" + n;
      nss.add(new Namespace(meta(ns, null)));
      for (int s = 0; s < 5; s++) {
        sas.add(new ServiceAccount(meta("sa-" + s, ns), null, List.of()));
      }
      for (int d = 0; d < 4; d++) {
        PodSpec.Container c = new PodSpec.Container("c", PodSpec.ContainerType.CONTAINER, n % 50 == 0 && d == 0,
            List.of(), List.of());
        PodSpec pod = new PodSpec("sa-" + d, null, d == 3 ? Boolean.FALSE : null, false, false, false, null,
            List.of(), List.of(c));
        workloads.add(new Workload(WorkloadKind.DEPLOYMENT, meta("app-" + d, ns), pod));
      }
      roles.add(new Role(RoleKind.ROLE, meta("secrets-reader", ns),
          List.of(rule(List.of("get"), "", "secrets", List.of("tok-" + n))), null, false));
      bindings.add(binding("edit", ns, "ClusterRole", "edit", Subject.serviceAccount(ns, "sa-1"),
          Subject.user("dev-" + n % 300)));
      bindings.add(binding("view", ns, "ClusterRole", "view", Subject.group("team-" + n % 40),
          Subject.serviceAccount(ns, "sa-2")));
      bindings.add(binding("reader", ns, "Role", "secrets-reader", Subject.serviceAccount(ns, "sa-0")));
      secrets.add(new Secret(new ObjectMeta("tok-" + n, ns, null,
          Map.of(Secret.SERVICE_ACCOUNT_NAME_ANNOTATION, "sa-3"), AT), Secret.SERVICE_ACCOUNT_TOKEN));
    }
    return new Inventory(roles, bindings, sas, secrets, nss, workloads, List.of("synthetic.yaml"), Map.of(), List.of());
  }

  private static ObjectMeta meta(String name, String ns) {
    return new ObjectMeta(name, ns, Map.of(), Map.of(), AT);
  }

  private static PolicyRule rule(List<String> verbs, String group, String resource, List<String> names) {
    return new PolicyRule(verbs, List.of(group), List.of(resource), names, List.of(), AT);
  }

  private static Binding binding(String name, String ns, String roleKind, String role, Subject... subjects) {
    BindingKind kind = ns == null ? BindingKind.CLUSTER_ROLE_BINDING : BindingKind.ROLE_BINDING;
    return new Binding(kind, meta(name, ns), new RoleRef(roleKind, role, "rbac.authorization.k8s.io"),
        List.of(subjects), false);
  }
}

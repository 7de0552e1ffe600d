import io.rbacaudit.graph.AccessGraph;
import io.rbacaudit.graph.EscalationPath;
import io.rbacaudit.graph.PathFinder;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.UserInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Query latency once the inventory is loaded: loads the manifests once (as the CLI does, with the default roles),
 * then times who-can and can-i questions in the same process, and paths from every starting point to
 * cluster-admin, as {@code rbac-audit paths} without --from does. There is no batch mode in the CLI, so this is the
 * only way to see per-query cost apart from JVM start and load. The first round warms the JIT and is not counted.
 *
 * <p>Usage: {@code java -Xmx1g -cp target/rbac-audit.jar:target/bench-classes QueryBench DIR [queries]}
 */
public final class QueryBench {
  static final String[][] WHO_CAN = {
    {"get", "", "secrets"}, {"create", "", "pods"}, {"list", "", "configmaps"}, {"create", "", "pods", "exec"},
    {"update", "apps", "deployments"}, {"bind", "rbac.authorization.k8s.io", "clusterroles"},
    {"impersonate", "", "users"}, {"get", "", "nodes", "proxy"}, {"delete", "", "pods"}, {"watch", "", "events"},
  };

  public static void main(String[] args) {
    String dir = args[0];
    int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    long t0 = System.nanoTime();
    Inventory inventory = KubernetesDefaults.apply(
        new ManifestLoader(LoadOptions.defaults(), System.in).load(List.of(dir)), DefaultsMode.ROLES);
    Authorizer authorizer = new Authorizer(inventory);
    long t1 = System.nanoTime();
    System.out.printf("load+authorizer: %.0f ms%n", (t1 - t0) / 1e6);
    List<String> namespaces = inventory.namespaces().stream().map(n -> n.meta().name()).toList();

    for (int round = 0; round < 2; round++) {
      int n = round == 0 ? Math.min(100, queries) : queries;
      double[] whoCan = new double[n];
      long answers = 0;
      for (int i = 0; i < n; i++) {
        String[] q = WHO_CAN[i % WHO_CAN.length];
        String ns = i % 3 == 0 ? "" : namespaces.get(i % namespaces.size());
        Request r = Request.resource(q[0], q[1], q[2], q.length > 3 ? q[3] : "", ns, "");
        long s = System.nanoTime();
        answers += authorizer.whoCan(r).size();
        whoCan[i] = (System.nanoTime() - s) / 1e6;
      }
      double[] canI = new double[n];
      long allowed = 0;
      for (int i = 0; i < n; i++) {
        String[] q = WHO_CAN[i % WHO_CAN.length];
        String ns = namespaces.get((i * 7) % namespaces.size());
        String team = ns.substring(0, ns.indexOf('-'));
        UserInfo user = new UserInfo("system:serviceaccount:" + ns + ":" + team + "-svc-" + (i % 8),
            List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated"));
        Request r = Request.resource(q[0], q[1], q[2], q.length > 3 ? q[3] : "", ns, "");
        long s = System.nanoTime();
        allowed += authorizer.authorize(user, r).allowed() ? 1 : 0;
        canI[i] = (System.nanoTime() - s) / 1e6;
      }
      if (round == 1) {
        System.out.printf("who-can: %d queries, median %.2f ms, p95 %.2f ms, max %.2f ms (%d subjects in all)%n",
            n, pct(whoCan, 50), pct(whoCan, 95), pct(whoCan, 100), answers);
        System.out.printf("can-i:   %d queries, median %.3f ms, p95 %.3f ms, max %.3f ms (%d allowed)%n",
            n, pct(canI, 50), pct(canI, 95), pct(canI, 100), allowed);
      }
    }

    long g0 = System.nanoTime();
    AccessGraph graph = AccessGraph.build(inventory, authorizer);
    long g1 = System.nanoTime();
    PathFinder finder = PathFinder.to(graph, new Vertex.Target(io.rbacaudit.graph.TargetKind.CLUSTER_ADMIN), 6);
    int starts = 0;
    int withPath = 0;
    for (Subject s : graph.startingPoints()) {
      starts++;
      List<EscalationPath> p = finder.paths(s, 3);
      withPath += p.isEmpty() ? 0 : 1;
    }
    long g2 = System.nanoTime();
    System.out.printf("paths: graph %d vertices %d edges built in %.0f ms; %d starting points searched in %.0f ms "
        + "(%d with a path)%n", graph.vertices().size(), graph.edges().size(), (g1 - g0) / 1e6, starts,
        (g2 - g1) / 1e6, withPath);
  }

  static double pct(double[] values, int p) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1 < 0 ? 0
        : (int) Math.ceil(p / 100.0 * v.length) - 1)];
  }
}

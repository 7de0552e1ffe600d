package io.rbacaudit.jmh;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Decision;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.PermissionEntry;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.SubjectGrants;
import io.rbacaudit.rbac.UserInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The three questions the authorizer answers, on the generated cluster (GeneratedCluster) with the default roles,
 * its Authorizer built once: can-i (one user, one request), who-can (every subject allowed one request) and the
 * permissions of one subject (kubectl auth can-i --list, every namespace). Each call takes the next of QUERIES
 * fixed questions, drawn from the cluster's own bindings so that users have grants, in turn.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class AuthorizerBenchmark {

  static final int QUERIES = 64;

  /** verb, group, resource[, subresource]: the who-can questions of bench/QueryBench.java. */
  static final String[][] ASKED = {
    {"get", "", "secrets"}, {"create", "", "pods"}, {"list", "", "configmaps"}, {"create", "", "pods", "exec"},
    {"update", "apps", "deployments"}, {"bind", "rbac.authorization.k8s.io", "clusterroles"},
    {"impersonate", "", "users"}, {"get", "", "nodes", "proxy"}, {"delete", "", "pods"}, {"watch", "", "events"},
  };

  Authorizer authorizer;
  UserInfo[] users = new UserInfo[QUERIES];
  Request[] canIRequests = new Request[QUERIES];
  Request[] whoCanRequests = new Request[QUERIES];

  /** Which question a thread asks next. */
  @State(Scope.Thread)
  public static class Turn {
    int next;

    int take() {
      int i = next;
      next = (i + 1) % QUERIES;
      return i;
    }
  }

  @Setup(Level.Trial)
  public void build(GeneratedCluster cluster) {
    Inventory inventory = cluster.inventory;
    authorizer = new Authorizer(inventory);
    TreeMap<Subject, String> bound = boundSubjects(inventory);
    List<Subject> subjects = new ArrayList<>(bound.keySet());
    List<String> namespaces = inventory.namespaces().stream().map(n -> n.meta().name()).sorted().toList();
    int allowed = 0;
    for (int i = 0; i < QUERIES; i++) {
      // Spread over the sorted subjects, so users, groups and ServiceAccounts of every team are asked about.
      Subject subject = subjects.get((int) ((long) i * subjects.size() / QUERIES));
      users[i] = userOf(subject);
      String[] q = ASKED[i % ASKED.length];
      // can-i asks in the namespace the subject is bound in, as someone checking their own access would.
      String boundIn = bound.get(subject);
      canIRequests[i] = request(q, boundIn.isEmpty() ? namespaces.get(i % namespaces.size()) : boundIn);
      // A third of who-can questions are cluster-wide, the rest in some namespace, as in QueryBench.
      whoCanRequests[i] = request(q, i % 3 == 0 ? "" : namespaces.get((i * 7) % namespaces.size()));
      allowed += authorizer.authorize(users[i], canIRequests[i]).allowed() ? 1 : 0;
    }
    System.out.printf("%n%s: %d roles, %d bindings, %d subjects bound; can-i: %d of %d questions allowed%n",
        cluster.size, inventory.roles().size(), inventory.bindings().size(), subjects.size(), allowed, QUERIES);
  }

  /** Every subject a binding names, with the namespace of the first RoleBinding that does ("" if only cluster-wide). */
  private static TreeMap<Subject, String> boundSubjects(Inventory inventory) {
    TreeMap<Subject, String> out = new TreeMap<>();
    for (Binding b : inventory.bindings()) {
      String namespace = b.kind() == BindingKind.ROLE_BINDING ? b.namespace() : "";
      for (Subject written : b.subjects()) {
        Subject s = written;
        if (s.kind() == SubjectKind.SERVICE_ACCOUNT && s.namespace() == null) {
          // The RoleBinding's own namespace; in a ClusterRoleBinding such a ServiceAccount is nobody.
          if (b.kind() != BindingKind.ROLE_BINDING) {
            continue;
          }
          s = Subject.serviceAccount(b.namespace(), s.name());
        }
        out.merge(s, namespace, (was, now) -> was.isEmpty() ? now : was);
      }
    }
    return out;
  }

  /** The user as --as/--as-group would make it; a group is asked about through a user that is only in it. */
  private static UserInfo userOf(Subject s) {
    return switch (s.kind()) {
      case USER -> Impersonation.of(s.name(), null);
      case SERVICE_ACCOUNT -> Impersonation.of(s.serviceAccountUserName(), null);
      case GROUP -> Impersonation.of("bench-user", List.of(s.name()));
    };
  }

  private static Request request(String[] q, String namespace) {
    boolean clusterScoped = q[2].equals("nodes") || q[2].equals("clusterroles") || q[2].equals("users");
    return Request.resource(q[0], q[1], q[2], q.length > 3 ? q[3] : "", clusterScoped ? "" : namespace, "");
  }

  @Benchmark
  public Decision canI(Turn turn) {
    int i = turn.take();
    return authorizer.authorize(users[i], canIRequests[i]);
  }

  @Benchmark
  public List<SubjectGrants> whoCan(Turn turn) {
    return authorizer.whoCan(whoCanRequests[turn.take()]);
  }

  @Benchmark
  public List<PermissionEntry> permissions(Turn turn) {
    return authorizer.permissions(users[turn.take()], null);
  }
}

package io.rbacaudit.graph;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.RoleId;
import java.util.Comparator;
import java.util.Objects;

/**
 * A vertex of the access graph: a value, so two vertices naming the same thing are equal. {@link #type()},
 * {@link #name()} and {@link #namespace()} are the JSON shape of DESIGN.md section 5 ({@code {"type","name",
 * "namespace"}}).
 */
public sealed interface Vertex {

  Comparator<Vertex> ORDER = Comparator.comparing(Vertex::type)
      .thenComparing(v -> String.valueOf(v.namespace()))
      .thenComparing(Vertex::name);

  String type();

  String name();

  /** Null for cluster-scoped things. */
  String namespace();

  /** How the vertex reads in a sentence. */
  String label();

  /**
   * A hash for vertex records. The default record hash multiplies by 31, so numbered names ({@code sa-1} in
   * {@code ns-11}, {@code sa-0} in {@code ns-21}) collide in bulk and slow every map the graph keeps; a large odd
   * multiplier leaves no such small linear relation.
   */
  static int hash(Object... parts) {
    int h = 0;
    for (Object p : parts) {
      h = mix(h, p);
    }
    return spread(h);
  }

  // The same hash without a varargs array, for the vertices hashed on every graph look-up.
  static int hash(Object a, Object b) {
    return spread(mix(mix(0, a), b));
  }

  static int hash(Object a, Object b, Object c) {
    return spread(mix(mix(mix(0, a), b), c));
  }

  static int hash(Object a, Object b, Object c, Object d) {
    return spread(mix(mix(mix(mix(0, a), b), c), d));
  }

  private static int mix(int h, Object part) {
    return h * 0x9E3779B1 + (part == null ? 0 : part.hashCode());
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** Whether this vertex is an identity: something that authenticates and holds RBAC permissions. */
  default boolean isIdentity() {
    return this instanceof Identity;
  }

  /** A User, Group or ServiceAccount. */
  record Identity(Subject subject) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(subject.kind(), subject.name(), subject.namespace());
    }

    public Identity {
      Objects.requireNonNull(subject, "subject");
    }

    public static Identity of(Subject s) {
      return new Identity(s);
    }

    @Override
    public String type() {
      return subject.kind().kubeName();
    }

    @Override
    public String name() {
      return subject.name();
    }

    @Override
    public String namespace() {
      return subject.namespace();
    }

    @Override
    public String label() {
      return subject.kind() == SubjectKind.SERVICE_ACCOUNT
          ? "ServiceAccount " + subject.namespace() + "/" + subject.name()
          : type() + " " + subject.name();
    }
  }

  /** A Pod, or a controller (Deployment, DaemonSet...) standing for the pods of its template. */
  record Workload(ObjectRef ref) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(ref.kind(), ref.name(), ref.namespace());
    }

    public Workload {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String type() {
      return ref.kind();
    }

    @Override
    public String name() {
      return ref.name();
    }

    @Override
    public String namespace() {
      return ref.namespace();
    }

    @Override
    public String label() {
      return ref.kind() + " " + ref.namespace() + "/" + ref.name();
    }
  }

  /** A Role or ClusterRole as written (the access part of the graph: binding -> role). */
  record Role(RoleId role) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(role.kind(), role.name(), role.namespace());
    }

    public Role {
      Objects.requireNonNull(role, "role");
    }

    @Override
    public String type() {
      return role.kind().kubeName();
    }

    @Override
    public String name() {
      return role.name();
    }

    @Override
    public String namespace() {
      return role.namespace();
    }

    @Override
    public String label() {
      return role.toString();
    }
  }

  /** A RoleBinding or ClusterRoleBinding. */
  record Binding(ObjectRef ref) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(ref.kind(), ref.name(), ref.namespace());
    }

    public Binding {
      Objects.requireNonNull(ref, "ref");
    }

    @Override
    public String type() {
      return ref.kind();
    }

    @Override
    public String name() {
      return ref.name();
    }

    @Override
    public String namespace() {
      return ref.namespace();
    }

    @Override
    public String label() {
      return ref.toString();
    }
  }

  /**
   * Any ServiceAccount of a namespace (null: of every namespace): the attacker chooses which. Edges fan out from
   * here to each ServiceAccount, so one permission is one edge however many ServiceAccounts it opens.
   */
  record AnyServiceAccount(String namespace) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("sa", namespace);
    }

    @Override
    public String type() {
      return "ServiceAccount";
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String label() {
      return namespace == null ? "any ServiceAccount of any namespace" : "any ServiceAccount of namespace " + namespace;
    }
  }

  /** Any workload of a namespace (null: of every namespace) that holds a token or can reach its node. */
  record AnyWorkload(String namespace) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("workload", namespace);
    }

    @Override
    public String type() {
      return "Workload";
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String label() {
      return namespace == null ? "any workload of any namespace" : "any workload of namespace " + namespace;
    }
  }

  /**
   * Any legacy token Secret of a namespace (null: of every namespace): reading one gives its ServiceAccount's token.
   * Edges fan out from here to each Secret's ServiceAccount, so one grant to read Secrets is one edge however many
   * token Secrets the namespace holds.
   */
  record AnyTokenSecret(String namespace) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("token-secret", namespace);
    }

    @Override
    public String type() {
      return "Secret";
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String label() {
      return namespace == null ? "any token Secret of any namespace" : "any token Secret of namespace " + namespace;
    }
  }

  /**
   * Any controller of one kind in any namespace (a cluster-wide grant to patch Deployments, say): edges fan out from
   * here to "any ServiceAccount of N" for each namespace N that has one to patch.
   */
  record AnyController(String kind) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("controller", kind);
    }

    public AnyController {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public String type() {
      return kind;
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String namespace() {
      return null;
    }

    @Override
    public String label() {
      return "any " + kind + " of any namespace";
    }
  }

  /** Any User named in the inputs: edges fan out from here to each of them. */
  record AnyUser() implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("user");
    }

    @Override
    public String type() {
      return "User";
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String namespace() {
      return null;
    }

    @Override
    public String label() {
      return "any user";
    }
  }

  /**
   * Full control of every namespace, one at a time: edges fan out from here to each namespace's
   * {@link NamespaceAdmin}.
   */
  record AnyNamespaceAdmin() implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("namespace");
    }

    @Override
    public String type() {
      return "Namespace";
    }

    @Override
    public String name() {
      return "*";
    }

    @Override
    public String namespace() {
      return null;
    }

    @Override
    public String label() {
      return "full control of any namespace";
    }
  }

  /** Full control of one namespace: what rewriting or creating a role that is bound there gives. */
  record NamespaceAdmin(String name) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash("namespace", name);
    }

    public NamespaceAdmin {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public String type() {
      return "Namespace";
    }

    @Override
    public String namespace() {
      return null;
    }

    @Override
    public String label() {
      return "full control of namespace " + name;
    }
  }

  /**
   * The permissions of a role the attacker has bound to itself, cluster-wide ({@code scope} null) or in one
   * namespace.
   */
  record BoundRole(RoleId role, String scope) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(role.kind(), role.name(), role.namespace(), scope);
    }

    public BoundRole {
      Objects.requireNonNull(role, "role");
    }

    @Override
    public String type() {
      return "BoundRole";
    }

    @Override
    public String name() {
      return role.kind().kubeName() + "/" + (role.namespace() == null ? "" : role.namespace() + "/") + role.name();
    }

    @Override
    public String namespace() {
      return scope;
    }

    @Override
    public String label() {
      return name() + (scope == null ? " bound cluster-wide" : " bound in namespace " + scope);
    }
  }

  /** What escalation aims at. */
  record Target(TargetKind kind) implements Vertex {
    @Override
    public int hashCode() {
      return Vertex.hash(kind);
    }

    public Target {
      Objects.requireNonNull(kind, "kind");
    }

    public static final Target CLUSTER_ADMIN = new Target(TargetKind.CLUSTER_ADMIN);
    public static final Target NODE_ACCESS = new Target(TargetKind.NODE_ACCESS);
    public static final Target ALL_SECRETS = new Target(TargetKind.ALL_SECRETS);

    @Override
    public String type() {
      return "Target";
    }

    @Override
    public String name() {
      return kind.id();
    }

    @Override
    public String namespace() {
      return null;
    }

    @Override
    public String label() {
      return kind.label();
    }
  }
}

package io.rbacaudit.load;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Namespace;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.RoleRef;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Turns one document (an object, or a {@code List} of objects) into model records. A bad object is reported with
 * its field path and skipped; the rest of the document goes on.
 */
final class ObjectDecoder {

  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private final String defaultNamespace;
  private final ObjectSink out;
  private final RoleDecoder roles = new RoleDecoder();

  ObjectDecoder(String defaultNamespace, ObjectSink out) {
    this.defaultNamespace = defaultNamespace;
    this.out = out;
  }

  /** Decodes one document; false once the object limit stops the load. */
  boolean document(Node root, NodeReader r) {
    if (NodeReader.isNull(root)) {
      return true; // an empty document, e.g. between two '---'
    }
    if (root instanceof ScalarNode) {
      // Not an error: e.g. a symbolic link checked out as a text file holding its target path.
      out.problem(Problem.warning(r.at(root), "this document is a plain value, not a Kubernetes object; skipped"));
      return true;
    }
    if (!(root instanceof MappingNode map)) {
      out.problem(Problem.error(r.at(root), "expected a Kubernetes object (a mapping with apiVersion and kind), "
          + "got " + r.describe(root) + "; skipped"));
      return true;
    }
    return object(map, r);
  }

  private boolean object(MappingNode obj, NodeReader r) {
    String kind = NodeReader.peekString(obj, "kind");
    if (kind != null && kind.endsWith("List") && NodeReader.get(obj, "items") != null) {
      return list(obj, r, kind);
    }
    if (!out.admit(r.lineOf(obj))) {
      return false;
    }
    r.quoteValues(!"Secret".equals(kind));
    try {
      decode(obj, r);
      out.problems(r.takeWarnings());
    } catch (InvalidObjectException e) {
      r.dropWarnings();
      String what = kind == null ? "object" : kind;
      String name = metadataName(obj);
      out.problem(Problem.error(e.location(), what + (name == null ? "" : " " + name) + " skipped: "
          + e.getMessage()));
    } catch (RuntimeException e) {
      // A bug of ours, not bad input: keep loading, and leave the exception's text out (it may quote a value).
      r.dropWarnings();
      out.problem(Problem.error(r.lineOf(obj), "could not read this object (internal error "
          + e.getClass().getSimpleName() + "); skipped. Please report this"));
    } finally {
      r.quoteValues(true);
    }
    return true;
  }

  private boolean list(MappingNode obj, NodeReader r, String kind) {
    List<Node> items;
    try {
      items = r.list(obj, "items", "");
    } catch (InvalidObjectException e) {
      out.problem(Problem.error(e.location(), kind + " skipped: " + e.getMessage()));
      return true;
    }
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (NodeReader.isNull(item)) {
        continue;
      }
      if (!(item instanceof MappingNode m)) {
        out.problem(Problem.error(r.at(item), kind + " items[" + i + "]: expected an object, got "
            + r.describe(item) + "; skipped"));
        continue;
      }
      if (!object(m, r)) {
        return false;
      }
    }
    return true;
  }

  private void decode(MappingNode obj, NodeReader r) {
    String apiVersion = r.string(obj, "apiVersion", "");
    String kind = r.string(obj, "kind", "");
    if (kind == null || kind.isEmpty() || apiVersion == null || apiVersion.isEmpty()) {
      throw new InvalidObjectException(r.at(obj), (kind == null || kind.isEmpty() ? "kind" : "apiVersion")
          + ": missing; every Kubernetes object needs apiVersion and kind");
    }
    Optional<ApiVersions.Kind> known = ApiVersions.kind(kind);
    if (known.isEmpty()) {
      out.skipped(kind);
      return;
    }
    if (!ApiVersions.accepts(known.get(), apiVersion)) {
      throw r.error(NodeReader.get(obj, "apiVersion"), "apiVersion", r.show(apiVersion)
          + " is not an apiVersion of " + kind + "; use " + ApiVersions.preferred(known.get()));
    }
    switch (known.get()) {
      case ROLE -> out.add(roles.role(RoleKind.ROLE, obj, meta(obj, r, true, false), r));
      case CLUSTER_ROLE -> out.add(roles.role(RoleKind.CLUSTER_ROLE, obj, meta(obj, r, false, false), r));
      case ROLE_BINDING -> out.add(binding(BindingKind.ROLE_BINDING, obj, meta(obj, r, true, false), r));
      case CLUSTER_ROLE_BINDING ->
          out.add(binding(BindingKind.CLUSTER_ROLE_BINDING, obj, meta(obj, r, false, false), r));
      case SERVICE_ACCOUNT -> out.add(serviceAccount(obj, meta(obj, r, true, false), r));
      case SECRET -> out.add(secret(obj, meta(obj, r, true, true), r));
      case NAMESPACE -> out.add(new Namespace(meta(obj, r, false, false)));
      default -> {
        WorkloadKind wk = WorkloadKind.fromKube(kind).orElseThrow();
        ObjectMeta meta = meta(obj, r, true, false);
        out.add(new Workload(wk, meta, WorkloadDecoder.podSpec(wk, obj, r)));
      }
    }
  }

  /**
   * The metadata. A Secret's labels are not kept, and neither is its last-applied-configuration annotation,
   * which holds a copy of its data.
   */
  private ObjectMeta meta(MappingNode obj, NodeReader r, boolean namespaced, boolean secret) {
    MappingNode md = r.optionalMapping(obj, "metadata", "");
    if (md == null) {
      throw r.error(obj, "metadata", "missing; every object needs metadata with a name");
    }
    String name = r.requiredString(md, "name", "metadata", "every object needs a name: add metadata.name");
    String namespace = null;
    if (namespaced) {
      namespace = r.string(md, "namespace", "metadata");
      if (namespace == null || namespace.isEmpty()) {
        namespace = defaultNamespace; // as kubectl apply does for a namespace-less manifest
      }
    }
    Map<String, String> labels = secret ? Map.of() : r.stringMap(md, "labels", "metadata");
    Map<String, String> annotations =
        r.stringMap(md, "annotations", "metadata", secret ? LAST_APPLIED : null);
    return new ObjectMeta(name, namespace, labels, annotations, r.lineOf(obj));
  }

  private static Binding binding(BindingKind kind, MappingNode obj, ObjectMeta meta, NodeReader r) {
    MappingNode ref = r.optionalMapping(obj, "roleRef", "");
    if (ref == null) {
      throw r.error(obj, "roleRef", "missing; a binding needs roleRef with apiGroup, kind and name");
    }
    RoleRef roleRef = new RoleRef(
        r.requiredString(ref, "kind", "roleRef", "set it to Role or ClusterRole"),
        r.requiredString(ref, "name", "roleRef", "name the Role or ClusterRole to bind"),
        r.string(ref, "apiGroup", "roleRef"));
    List<Node> items = r.list(obj, "subjects", "");
    List<Subject> subjects = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Subject s = subject(items.get(i), NodeReader.item("subjects", i), r);
      if (s != null && kind == BindingKind.CLUSTER_ROLE_BINDING && s.kind() == SubjectKind.SERVICE_ACCOUNT
          && s.namespace() == null) {
        // Kept (it is what the manifest says), but it never matches: say so, since the author clearly meant one.
        r.warn(items.get(i), NodeReader.item("subjects", i) + ": ServiceAccount " + NodeReader.quote(s.name())
            + " has no namespace, so in a ClusterRoleBinding it never matches anyone (the API server rejects it:"
            + " subjects[].namespace is required). Add the namespace, or render the manifests with the tool that"
            + " sets it (kustomize's namespace: field)");
      }
      if (s != null) {
        subjects.add(s);
      }
    }
    return new Binding(kind, meta, roleRef, subjects, false);
  }

  private static Subject subject(Node node, String path, NodeReader r) {
    if (NodeReader.isNull(node)) {
      r.warn(node, path + ": an empty subject never matches anyone; dropped");
      return null;
    }
    MappingNode m = r.mapping(node, path);
    String kind = r.string(m, "kind", path);
    String name = r.requiredString(m, "name", path, "give the subject a name");
    String namespace = r.string(m, "namespace", path);
    Optional<SubjectKind> sk = SubjectKind.fromKube(kind);
    if (sk.isEmpty()) {
      r.warn(m, NodeReader.child(path, "kind") + ": " + (kind == null ? "missing" : NodeReader.quote(kind))
          + " is not User, Group or ServiceAccount (exact, case-sensitive), so Kubernetes never matches this "
          + "subject; dropped. Fix the kind");
      return null;
    }
    return switch (sk.get()) {
      case USER -> Subject.user(name);
      case GROUP -> Subject.group(name);
      // As written: the resolver falls back to the RoleBinding's namespace, as the authorizer does.
      case SERVICE_ACCOUNT -> Subject.serviceAccount(namespace, name);
    };
  }

  private static ServiceAccount serviceAccount(MappingNode obj, ObjectMeta meta, NodeReader r) {
    Boolean automount = r.bool(obj, "automountServiceAccountToken", "");
    List<Node> items = r.list(obj, "secrets", "");
    List<String> secrets = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (!NodeReader.isNull(item)) {
        String name = r.string(r.mapping(item, NodeReader.item("secrets", i)), "name",
            NodeReader.item("secrets", i));
        if (name != null && !name.isEmpty()) {
          secrets.add(name);
        }
      }
    }
    return new ServiceAccount(meta, automount, secrets);
  }

  /** Reads only metadata and type: the data and stringData nodes are never visited. */
  private static Secret secret(MappingNode obj, ObjectMeta meta, NodeReader r) {
    String type = r.string(obj, "type", "");
    // The API server defaults an absent type to Opaque.
    return new Secret(meta, type == null || type.isEmpty() ? "Opaque" : type);
  }

  private static String metadataName(MappingNode obj) {
    Node md = NodeReader.get(obj, "metadata");
    return md instanceof MappingNode m ? NodeReader.peekString(m, "name") : null;
  }
}

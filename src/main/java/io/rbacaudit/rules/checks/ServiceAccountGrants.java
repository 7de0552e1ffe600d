package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.PermissionEntry;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a ServiceAccount is granted, as the authorizer sees it for {@code system:serviceaccount:NS:NAME} with the
 * groups its tokens carry ({@link Impersonation#of}), leaving out what every ServiceAccount gets from the Kubernetes
 * defaults through its groups (discovery, self-review...): that is nobody's configuration to fix. Grants through a
 * binding that names the ServiceAccount itself always count. Computed once per ServiceAccount and scan, on demand;
 * the index of bindings is only read after construction, the cache is concurrent.
 */
final class ServiceAccountGrants {

  /** One rule the ServiceAccount holds. {@code scope} is a namespace, or null for cluster-wide. */
  record Held(String scope, Grant grant, boolean direct) {}

  private final ScanContext context;
  private final DefaultGrants defaults;
  private final Map<ObjectRef, List<ResolvedBinding>> bindings = new HashMap<>();
  private final Map<String, List<Held>> cache = new ConcurrentHashMap<>();

  /** The scan's one instance, shared by the checks that read it (they may run side by side: it is thread-safe). */
  static ServiceAccountGrants of(ScanContext context) {
    return context.shared(ServiceAccountGrants.class, ServiceAccountGrants::new);
  }

  private ServiceAccountGrants(ScanContext context) {
    this.context = context;
    this.defaults = new DefaultGrants(context);
    for (ResolvedBinding b : context.authorizer().bindings()) {
      bindings.computeIfAbsent(b.binding().ref(), k -> new ArrayList<>()).add(b);
    }
  }

  /** Every rule held, through bindings naming the ServiceAccount or any group it is in, beyond the defaults. */
  List<Held> held(String namespace, String name) {
    return cache.computeIfAbsent(namespace + "/" + name, k -> compute(namespace, name));
  }

  /** Only the rules granted by bindings that name the ServiceAccount itself. */
  List<Held> direct(String namespace, String name) {
    return held(namespace, name).stream().filter(Held::direct).toList();
  }

  boolean hasPermissions(String namespace, String name) {
    return !held(namespace, name).isEmpty();
  }

  private List<Held> compute(String namespace, String name) {
    Subject sa = Subject.serviceAccount(namespace, name);
    String user = sa.serviceAccountUserName();
    List<Held> out = new ArrayList<>();
    for (PermissionEntry entry : context.authorizer().permissions(Impersonation.of(user, null), null)) {
      for (Grant g : entry.grants()) {
        boolean direct = namesDirectly(g.binding(), sa, user);
        if (direct || !defaults.covered(sa, g.policyRule())) {
          out.add(new Held(entry.namespace(), g, direct));
        }
      }
    }
    return List.copyOf(out);
  }

  private boolean namesDirectly(ObjectRef binding, Subject sa, String user) {
    for (ResolvedBinding b : bindings.getOrDefault(binding, List.of())) {
      for (Subject s : b.subjects()) {
        if (s.equals(sa) || (s.kind() == SubjectKind.USER && s.name().equals(user))) {
          return true;
        }
      }
    }
    return false;
  }
}

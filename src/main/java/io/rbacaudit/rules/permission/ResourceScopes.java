package io.rbacaudit.rules.permission;

import io.rbacaudit.rbac.ResourceTable;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a resource lives, from the built-in resource table, by exact group and plural name (the strings rules use).
 * Subresources share their parent's scope.
 */
final class ResourceScopes {

  enum Scope {
    /** In a namespace: a RoleBinding grants it there. */
    NAMESPACED,
    /** Cluster-scoped: only a ClusterRoleBinding grants it. */
    CLUSTER,
    /**
     * Namespace objects: cluster-scoped, but a request for namespace N carries namespace N (spec/rbac-semantics.md
     * section 7), so a RoleBinding in N grants access to N itself.
     */
    OWN_NAMESPACE,
    /** Not in the table, or {@code *}: a RoleBinding grants it inside its namespace. */
    UNKNOWN;

    /** Whether a RoleBinding can grant it. */
    boolean grantableInNamespace() {
      return this != CLUSTER;
    }
  }

  private static final Map<String, Scope> SCOPES = index();

  private ResourceScopes() {}

  private static Map<String, Scope> index() {
    Map<String, Scope> out = new HashMap<>();
    for (ResourceTable.Entry e : ResourceTable.standard().entries()) {
      out.put(e.group() + "/" + e.resource(), e.namespaced() ? Scope.NAMESPACED : Scope.CLUSTER);
    }
    out.put("/namespaces", Scope.OWN_NAMESPACE);
    return out;
  }

  static Scope of(String group, String resource) {
    return SCOPES.getOrDefault(group + "/" + resource, Scope.UNKNOWN);
  }
}

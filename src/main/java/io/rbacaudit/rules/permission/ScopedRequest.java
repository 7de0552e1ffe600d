package io.rbacaudit.rules.permission;

import io.rbacaudit.rbac.Request;
import java.util.Objects;

/**
 * One request a permission rule asks about (no namespace: the scope comes from the binding), with what the resource
 * table says of its scope.
 *
 * @param group which {@code allOf} group it belongs to (always 0 for {@code anyOf})
 * @param scope what the resource table says of the resource
 */
record ScopedRequest(Request request, int group, ResourceScopes.Scope scope) {

  /** Whether a RoleBinding can grant it (in its own namespace). */
  boolean namespaced() {
    return scope.grantableInNamespace();
  }

  ScopedRequest {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(scope, "scope");
  }
}

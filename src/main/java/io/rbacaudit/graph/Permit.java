package io.rbacaudit.graph;

import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Request;
import java.util.Objects;

/**
 * One request an edge needs, and the grant that allows it. {@code grant} is null when the permission was obtained
 * by the previous hop (a role the attacker rewrote), so no binding in the inputs grants it yet.
 */
public record Permit(Request permission, Grant grant) {
  public Permit {
    Objects.requireNonNull(permission, "permission");
  }
}

package io.rbacaudit.rules.permission;

import java.util.List;
import java.util.Set;

/**
 * A permission rule's compiled params: requests in groups that must all be allowed in one scope ({@code anyOf} is a
 * single group), optionally only in some namespaces.
 *
 * @param requests every request, each tagged with its group
 * @param groups how many groups there are (1 for {@code anyOf})
 * @param namespaces only requests in these namespaces count; null when any scope counts
 */
record PermissionPattern(List<ScopedRequest> requests, int groups, Set<String> namespaces) {

  PermissionPattern {
    requests = List.copyOf(requests);
    namespaces = namespaces == null ? null : Set.copyOf(namespaces);
  }

  /** Whether every group has at least one request in {@code allowed} (indexes into {@link #requests}). */
  boolean satisfiedBy(boolean[] allowed) {
    boolean[] groupOk = new boolean[groups];
    for (int i = 0; i < requests.size(); i++) {
      if (allowed[i]) {
        groupOk[requests.get(i).group()] = true;
      }
    }
    for (boolean ok : groupOk) {
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

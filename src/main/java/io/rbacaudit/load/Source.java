package io.rbacaudit.load;

import io.rbacaudit.model.Inventory;
import java.util.List;

/**
 * What a load produced and where from. {@code fromCluster} tells the authorizer to use the stored rules of
 * aggregated ClusterRoles (the aggregation controller keeps them filled) instead of computing them as for manifests.
 *
 * @param unreadable what could not be listed ("secrets in context X"); non-empty means the view is partial
 * @param snapshot what a cluster read collected, for --save-snapshot; null for manifests
 */
public record Source(Inventory inventory, boolean fromCluster, List<String> unreadable, Snapshot snapshot) {

  public Source {
    unreadable = List.copyOf(unreadable);
  }

  public static Source manifests(Inventory inventory) {
    return new Source(inventory, false, List.of(), null);
  }

  public boolean partial() {
    return !unreadable.isEmpty();
  }
}

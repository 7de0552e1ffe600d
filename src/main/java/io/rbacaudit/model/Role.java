package io.rbacaudit.model;

import java.util.List;
import java.util.Objects;

/**
 * A Role (namespaced) or ClusterRole. {@code aggregationSelectors} is null when the ClusterRole has no
 * aggregationRule; when non-null the role is aggregated and its own {@code rules} are ignored by the resolver.
 * {@code builtIn} marks a Kubernetes default added by {@code --defaults}.
 */
public record Role(
    RoleKind kind, ObjectMeta meta, List<PolicyRule> rules, List<LabelSelector> aggregationSelectors, boolean builtIn) {

  public Role {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(meta, "meta");
    rules = List.copyOf(rules);
    aggregationSelectors = aggregationSelectors == null ? null : List.copyOf(aggregationSelectors);
    if (kind == RoleKind.ROLE && meta.namespace() == null) {
      throw new IllegalArgumentException("a Role needs a namespace: " + meta.name());
    }
    if (kind == RoleKind.ROLE && aggregationSelectors != null) {
      throw new IllegalArgumentException("only a ClusterRole can be aggregated: " + meta.name());
    }
  }

  public String name() {
    return meta.name();
  }

  public String namespace() {
    return meta.namespace();
  }

  public boolean isAggregated() {
    return aggregationSelectors != null;
  }

  public ObjectRef ref() {
    return new ObjectRef(kind.kubeName(), meta.name(), meta.namespace());
  }
}

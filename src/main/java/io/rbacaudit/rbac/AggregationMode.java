package io.rbacaudit.rbac;

/**
 * How aggregated ClusterRoles get their rules. In manifest mode the stored rules field is empty or stale, so the
 * aggregation is computed; in cluster mode the authorizer uses what the aggregation controller stored.
 */
public enum AggregationMode {
  COMPUTE,
  STORED
}

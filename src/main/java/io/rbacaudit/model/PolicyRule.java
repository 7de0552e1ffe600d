package io.rbacaudit.model;

import java.util.List;

/**
 * One rule of a Role or ClusterRole, exactly as written (no normalisation: the authorizer compares strings exactly).
 * Absent lists are empty lists. {@code location} points at the rule itself inside its manifest.
 */
public record PolicyRule(
    List<String> verbs,
    List<String> apiGroups,
    List<String> resources,
    List<String> resourceNames,
    List<String> nonResourceURLs,
    Location location) {

  public PolicyRule {
    verbs = List.copyOf(verbs);
    apiGroups = List.copyOf(apiGroups);
    resources = List.copyOf(resources);
    resourceNames = List.copyOf(resourceNames);
    nonResourceURLs = List.copyOf(nonResourceURLs);
  }

  /** Same rule content, ignoring where it was written (aggregation lists identical rules once). */
  public boolean sameContent(PolicyRule o) {
    return verbs.equals(o.verbs)
        && apiGroups.equals(o.apiGroups)
        && resources.equals(o.resources)
        && resourceNames.equals(o.resourceNames)
        && nonResourceURLs.equals(o.nonResourceURLs);
  }
}

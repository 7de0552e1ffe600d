package io.rbacaudit.rbac;

import io.rbacaudit.model.PolicyRule;
import java.util.List;

/**
 * Whether one policy rule allows one request, exactly as the Kubernetes RBAC authorizer decides
 * (spec/rbac-semantics.md section 4): exact, case-sensitive comparison; {@code *} only as a whole entry, as
 * {@code *}/sub, or as a trailing {@code *} of a non-resource URL; empty lists match nothing except resourceNames.
 */
public final class RuleMatcher {

  private static final String ALL = "*";

  private RuleMatcher() {}

  public static boolean matches(PolicyRule rule, Request request) {
    if (!verbMatches(rule.verbs(), request.verb())) {
      return false;
    }
    if (!request.isResourceRequest()) {
      return nonResourceURLMatches(rule.nonResourceURLs(), request.path());
    }
    return apiGroupMatches(rule.apiGroups(), request.apiGroup())
        && resourceMatches(rule.resources(), request.resource(), request.subresource())
        && resourceNameMatches(rule.resourceNames(), request.name());
  }

  public static boolean verbMatches(List<String> verbs, String verb) {
    for (String v : verbs) {
      if (v.equals(ALL) || v.equals(verb)) {
        return true;
      }
    }
    return false;
  }

  public static boolean apiGroupMatches(List<String> groups, String group) {
    for (String g : groups) {
      if (g.equals(ALL) || g.equals(group)) {
        return true;
      }
    }
    return false;
  }

  public static boolean resourceMatches(List<String> resources, String resource, String subresource) {
    String combined = subresource.isEmpty() ? resource : resource + "/" + subresource;
    for (String r : resources) {
      if (r.equals(ALL) || r.equals(combined)) {
        return true;
      }
      // "*/sub" covers that subresource of any resource, never a parent resource.
      if (!subresource.isEmpty() && r.length() == subresource.length() + 2 && r.startsWith("*/")
          && r.endsWith(subresource)) {
        return true;
      }
    }
    return false;
  }

  /** An empty list allows any name (and no name); otherwise the request's name must be listed. */
  public static boolean resourceNameMatches(List<String> resourceNames, String name) {
    if (resourceNames.isEmpty()) {
      return true;
    }
    return resourceNames.contains(name);
  }

  public static boolean nonResourceURLMatches(List<String> urls, String path) {
    for (String u : urls) {
      if (u.equals(ALL) || u.equals(path)) {
        return true;
      }
      if (u.endsWith(ALL)) {
        String prefix = u.substring(0, u.length() - 1);
        while (prefix.endsWith(ALL)) {
          prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (path.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.rbacaudit.rbac;

import io.rbacaudit.model.PolicyRule;
import java.util.List;

/**
 * Whether one set of rules covers another, as the API server's escalation check decides it (spec/rbac-semantics.md
 * section 6): every atom of the servant (one group x one resource x one verb, plus one resourceName when the rule has
 * any; or one URL x one verb) must be covered by a single owner rule. Containment is literal: a servant {@code *} is
 * covered only by an owner {@code *}.
 */
public final class Covers {

  private static final String ALL = "*";

  private Covers() {}

  public static boolean covers(List<PolicyRule> owner, List<PolicyRule> servant) {
    for (PolicyRule rule : servant) {
      if (!covers(owner, rule)) {
        return false;
      }
    }
    return true;
  }

  /** Whether every atom of one servant rule is covered by some single owner rule. */
  public static boolean covers(List<PolicyRule> owner, PolicyRule servant) {
    for (String verb : servant.verbs()) {
      for (String group : servant.apiGroups()) {
        for (String resource : servant.resources()) {
          if (servant.resourceNames().isEmpty()) {
            if (!anyCoversResource(owner, verb, group, resource, null)) {
              return false;
            }
          } else {
            for (String name : servant.resourceNames()) {
              if (!anyCoversResource(owner, verb, group, resource, name)) {
                return false;
              }
            }
          }
        }
      }
      for (String url : servant.nonResourceURLs()) {
        if (!anyCoversURL(owner, verb, url)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean anyCoversResource(List<PolicyRule> owner, String verb, String group, String resource, String name) {
    for (PolicyRule o : owner) {
      if (has(o.verbs(), verb) && has(o.apiGroups(), group) && resourceCovered(o.resources(), resource)
          && nameCovered(o.resourceNames(), name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(List<String> owner, String value) {
    return owner.contains(ALL) || owner.contains(value);
  }

  /** {@code *}, the resource itself, or for {@code x/sub} the owner entry {@code *}/sub. */
  private static boolean resourceCovered(List<String> owner, String resource) {
    if (owner.contains(ALL) || owner.contains(resource)) {
      return true;
    }
    int slash = resource.indexOf('/');
    return slash >= 0 && owner.contains("*" + resource.substring(slash));
  }

  /** An owner without resourceNames covers any; one with names covers only a named atom it lists. */
  private static boolean nameCovered(List<String> ownerNames, String name) {
    if (ownerNames.isEmpty()) {
      return true;
    }
    return name != null && ownerNames.contains(name);
  }

  private static String trimTrailingStars(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '*') {
      end--;
    }
    return s.substring(0, end);
  }

  private static boolean anyCoversURL(List<PolicyRule> owner, String verb, String url) {
    for (PolicyRule o : owner) {
      if (!has(o.verbs(), verb)) {
        continue;
      }
      for (String u : o.nonResourceURLs()) {
        if (u.equals(url) || u.equals(ALL)) {
          return true;
        }
        if (u.endsWith(ALL) && url.startsWith(trimTrailingStars(u))) {
          return true;
        }
      }
    }
    return false;
  }
}

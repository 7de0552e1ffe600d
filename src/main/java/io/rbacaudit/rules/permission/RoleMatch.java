package io.rbacaudit.rules.permission;

import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of a pattern's requests one role's effective rules allow, and through which rules. Computed once per role
 * and shared by every binding to it.
 */
final class RoleMatch {

  private final List<List<EffectiveRule>> byRequest;
  private final boolean any;
  private final boolean anyNamespaced;

  private RoleMatch(List<List<EffectiveRule>> byRequest, boolean any, boolean anyNamespaced) {
    this.byRequest = byRequest;
    this.any = any;
    this.anyNamespaced = anyNamespaced;
  }

  static RoleMatch of(List<EffectiveRule> rules, PermissionPattern pattern) {
    List<ScopedRequest> requests = pattern.requests();
    List<List<EffectiveRule>> byRequest = new ArrayList<>(requests.size());
    boolean any = false;
    boolean anyNamespaced = false;
    for (ScopedRequest r : requests) {
      List<EffectiveRule> matching = List.of();
      for (EffectiveRule rule : rules) {
        if (RuleMatcher.matches(rule.rule(), r.request())) {
          if (matching.isEmpty()) {
            matching = new ArrayList<>(2);
          }
          matching.add(rule);
        }
      }
      byRequest.add(matching);
      any |= !matching.isEmpty();
      anyNamespaced |= !matching.isEmpty() && r.namespaced();
    }
    return new RoleMatch(byRequest, any, anyNamespaced);
  }

  /** Whether the role allows any of the requests at all. */
  boolean any() {
    return any;
  }

  /** Whether it allows any request a RoleBinding can grant. */
  boolean anyNamespaced() {
    return anyNamespaced;
  }

  /** The rules that allow request {@code i}; empty when none does. */
  List<EffectiveRule> rules(int i) {
    return byRequest.get(i);
  }
}

package io.rbacaudit.graph;

import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.List;

/**
 * Cluster-admin equivalence of a set of rules held cluster-wide: a rule allowing verb {@code *} on group and
 * resource {@code *}, and one allowing verb {@code *} on URL {@code *}. A request for verb {@code *} matches only a
 * rule that says {@code *}, so asking the authorizer's matcher exactly that is exactly equivalence.
 */
final class Equivalence {

  static final Request ALL_RESOURCES = Request.resource("*", "*", "*", "", "", "");
  static final Request ALL_URLS = Request.nonResource("*", "*");

  private Equivalence() {}

  static boolean holds(List<EffectiveRule> rules) {
    boolean resources = false;
    boolean urls = false;
    for (EffectiveRule r : rules) {
      resources |= RuleMatcher.matches(r.rule(), ALL_RESOURCES);
      urls |= RuleMatcher.matches(r.rule(), ALL_URLS);
    }
    return resources && urls;
  }
}

package io.rbacaudit.rbac;

import io.rbacaudit.model.Subject;
import java.util.List;
import java.util.Optional;

/**
 * One line of a {@code semantics/<story>.cases} table: a question asked of the authorizer built from
 * {@code semantics/<story>.yaml}, with the answer the Kubernetes RBAC authorizer gives. The line format is described
 * in {@code src/test/resources/semantics/README.md}.
 */
sealed interface SemanticCase {

  /** Where the case is written: story (fixture) name and line number in its {@code .cases} file. */
  record Origin(String story, int line, String text) {
    @Override
    public String toString() {
      return story + ".cases:" + line;
    }
  }

  Origin origin();

  /** What the case protects, as written after {@code #}. */
  String description();

  /** {@code allow}/{@code deny}: can this user do this? */
  record AuthorizeCase(
      Origin origin,
      String description,
      boolean allowed,
      UserInfo user,
      Request request,
      Optional<GrantExpectation> grant,
      Optional<Integer> grantCount)
      implements SemanticCase {

    @Override
    public String toString() {
      return description + "  [" + origin + "]";
    }
  }

  /** {@code who-can}: exactly these subjects hold the permission. */
  record WhoCanCase(Origin origin, String description, Request request, List<Subject> subjects)
      implements SemanticCase {

    public WhoCanCase {
      subjects = List.copyOf(subjects);
    }

    @Override
    public String toString() {
      return description + "  [" + origin + "]";
    }
  }

  /**
   * {@code permissions}: the entries listed for a user (optionally limited to one namespace) contain
   * ({@code has}) or do not contain ({@code lacks}) an entry like {@code entry}; or there are exactly
   * {@code count} entries.
   */
  record PermissionsCase(
      Origin origin,
      String description,
      UserInfo user,
      String namespace,
      Optional<Boolean> present,
      Optional<EntryPattern> entry,
      Optional<Integer> count)
      implements SemanticCase {

    @Override
    public String toString() {
      return description + "  [" + origin + "]";
    }
  }

  /**
   * A grant the decision must contain: through this binding ({@code Kind/[ns/]name}), rule index, and the role that
   * wrote the rule (which differs from the bound role when it was aggregated). Absent parts are not checked.
   */
  record GrantExpectation(Optional<String> binding, Optional<Integer> ruleIndex, Optional<String> ruleSource) {

    boolean matches(Grant g) {
      return binding.map(b -> b.equals(g.binding().toString())).orElse(true)
          && ruleIndex.map(i -> i == g.ruleIndex()).orElse(true)
          && ruleSource.map(s -> s.equals(roleRef(g.rule().source()))).orElse(true);
    }

    static String roleRef(RoleId id) {
      return id.kind().kubeName() + "/" + (id.namespace() == null ? "" : id.namespace() + "/") + id.name();
    }

    @Override
    public String toString() {
      return "via=" + binding.orElse("any") + " rule=" + ruleIndex.map(String::valueOf).orElse("any")
          + ruleSource.map(s -> " from=" + s).orElse("");
    }
  }

  /**
   * A permission entry to look for. {@code scope} is the entry's namespace, null for cluster-wide; every list that
   * is present must equal the entry's list exactly, absent ones are not checked.
   */
  record EntryPattern(
      Optional<String> scope,
      Optional<List<String>> verbs,
      Optional<List<String>> apiGroups,
      Optional<List<String>> resources,
      Optional<List<String>> resourceNames,
      Optional<List<String>> nonResourceURLs) {

    boolean matches(PermissionEntry e) {
      return scope.map(s -> s.equals("*") ? e.namespace() == null : s.equals(e.namespace())).orElse(true)
          && verbs.map(v -> v.equals(e.rule().verbs())).orElse(true)
          && apiGroups.map(v -> v.equals(e.rule().apiGroups())).orElse(true)
          && resources.map(v -> v.equals(e.rule().resources())).orElse(true)
          && resourceNames.map(v -> v.equals(e.rule().resourceNames())).orElse(true)
          && nonResourceURLs.map(v -> v.equals(e.rule().nonResourceURLs())).orElse(true);
    }
  }
}

package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.SemanticCase.AuthorizeCase;
import io.rbacaudit.rbac.SemanticCase.PermissionsCase;
import io.rbacaudit.rbac.SemanticCase.WhoCanCase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code semantics/<story>.cases} table against the authorizer built from {@code semantics/<story>.yaml}:
 * each line is one expectation taken from spec/rbac-semantics.md (and, where it says so, from the Kubernetes sources
 * and tests). Two properties tie who-can to can-i on every request the tables ask about.
 */
class SemanticsTest {

  @ParameterizedTest(name = "{1}")
  @MethodSource("authorizeCases")
  void authorize(String story, AuthorizeCase c) {
    Decision d = PolicyFixtures.authorizer(story).authorize(c.user(), c.request());
    assertEquals(c.allowed(), d.allowed(), () -> explain(story, c, d));
    c.grant()
        .ifPresent(
            g -> assertTrue(d.grants().stream().anyMatch(g::matches), () -> "no grant " + g + "\n" + explain(story, c, d)));
    c.grantCount().ifPresent(n -> assertEquals(n, d.grants().size(), () -> explain(story, c, d)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("whoCanCases")
  void whoCan(String story, WhoCanCase c) {
    List<SubjectGrants> answer = PolicyFixtures.authorizer(story).whoCan(c.request());
    Set<Subject> actual = answer.stream().map(SubjectGrants::subject).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(c.subjects()), actual, () -> c.origin() + ": " + c.origin().text());
    assertEquals(actual.size(), answer.size(), () -> c.origin() + ": a subject is listed twice: " + answer);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("permissionsCases")
  void permissions(String story, PermissionsCase c) {
    List<PermissionEntry> entries = PolicyFixtures.authorizer(story).permissions(c.user(), c.namespace());
    String shown = c.origin() + ": " + c.origin().text() + "\nentries:\n" + show(entries);
    c.count().ifPresent(n -> assertEquals(n, entries.size(), shown));
    c.entry()
        .ifPresent(
            pattern -> {
              boolean found = entries.stream().anyMatch(pattern::matches);
              assertEquals(c.present().orElseThrow(), found, shown);
            });
  }

  /**
   * Who-can never lists a subject that can-i would refuse: a User as itself, a ServiceAccount as
   * {@code system:serviceaccount:NS:NAME}, a Group as a user in that group.
   */
  @ParameterizedTest(name = "who-can lists only subjects that are allowed: {1}")
  @MethodSource("requestCases")
  void whoCanListsOnlyAllowedSubjects(String story, SemanticCase c) {
    Authorizer authorizer = PolicyFixtures.authorizer(story);
    Request request = requestOf(c);
    for (SubjectGrants sg : authorizer.whoCan(request)) {
      UserInfo probe = identityOf(sg.subject());
      assertTrue(
          authorizer.authorize(probe, request).allowed(),
          () -> c.origin() + ": who-can lists " + sg.subject() + " for " + request + " but " + probe + " is denied");
    }
  }

  /** Who-can names each grant once per subject, even when a binding names the same subject twice. */
  // Regression: a subject named twice in one binding (or a ServiceAccount once defaulted, once written out) used to
  // get each grant twice (subjects.cases lines 94-96).
  @ParameterizedTest(name = "who-can lists each grant once: {1}")
  @MethodSource("requestCases")
  void whoCanListsEachGrantOnce(String story, SemanticCase c) {
    List<Subject> repeated =
        PolicyFixtures.authorizer(story).whoCan(requestOf(c)).stream()
            .filter(sg -> new HashSet<>(sg.grants()).size() != sg.grants().size())
            .map(SubjectGrants::subject)
            .toList();
    assertEquals(List.of(), repeated, () -> c.origin() + ": subjects with a grant listed more than once");
  }

  /**
   * Can-i allows a user exactly when who-can lists a subject that is that user (by name, one of its groups, or the
   * ServiceAccount it authenticates as), and the grants agree.
   */
  @ParameterizedTest(name = "who-can agrees with can-i: {1}")
  @MethodSource("authorizeCases")
  void whoCanAgreesWithAuthorize(String story, AuthorizeCase c) {
    Authorizer authorizer = PolicyFixtures.authorizer(story);
    List<SubjectGrants> listed =
        authorizer.whoCan(c.request()).stream().filter(sg -> isUser(sg.subject(), c.user())).toList();
    Decision d = authorizer.authorize(c.user(), c.request());
    assertEquals(d.allowed(), !listed.isEmpty(), () -> c.origin() + ": can-i " + d + " but who-can lists " + listed);
    Set<Grant> fromWhoCan = listed.stream().flatMap(sg -> sg.grants().stream()).collect(Collectors.toSet());
    assertEquals(new HashSet<>(d.grants()), fromWhoCan, () -> c.origin() + ": grants differ");
  }

  /**
   * Section 1: bindings are not ordered, and section 5: the least fixed point does not depend on the order roles are
   * read in. The same policy with every role and binding in reverse order answers every case the same way.
   */
  @ParameterizedTest(name = "{0}: answers do not depend on the order of the inputs")
  @MethodSource("io.rbacaudit.rbac.PolicyFixtures#stories")
  void answersDoNotDependOnInputOrder(String story) {
    Inventory inventory = PolicyFixtures.inventory(story);
    Inventory reversed =
        new Inventory(
            reverse(inventory.roles()),
            reverse(inventory.bindings()),
            inventory.serviceAccounts(),
            inventory.secrets(),
            inventory.namespaces(),
            inventory.workloads(),
            inventory.sources(),
            inventory.skippedKinds(),
            inventory.problems());
    Authorizer forward = PolicyFixtures.authorizer(story);
    Authorizer backward = new Authorizer(reversed);
    for (SemanticCase c : PolicyFixtures.table(story).cases()) {
      if (c instanceof AuthorizeCase a) {
        assertEquals(
            new HashSet<>(forward.authorize(a.user(), a.request()).grants()),
            new HashSet<>(backward.authorize(a.user(), a.request()).grants()),
            () -> a.origin() + ": " + a.origin().text());
      } else if (c instanceof WhoCanCase w) {
        assertEquals(forward.whoCan(w.request()), backward.whoCan(w.request()), () -> w.origin().toString());
      }
    }
  }

  private static <T> List<T> reverse(List<T> list) {
    List<T> out = new ArrayList<>(list);
    Collections.reverse(out);
    return out;
  }

  static Stream<Arguments> authorizeCases() {
    return cases(AuthorizeCase.class);
  }

  static Stream<Arguments> whoCanCases() {
    return cases(WhoCanCase.class);
  }

  static Stream<Arguments> permissionsCases() {
    return cases(PermissionsCase.class);
  }

  static Stream<Arguments> requestCases() {
    return Stream.concat(cases(AuthorizeCase.class), cases(WhoCanCase.class));
  }

  private static Stream<Arguments> cases(Class<? extends SemanticCase> type) {
    return PolicyFixtures.stories().stream()
        .flatMap(
            story ->
                PolicyFixtures.table(story).cases().stream()
                    .filter(type::isInstance)
                    .map(c -> Arguments.of(story, c)));
  }

  private static Request requestOf(SemanticCase c) {
    if (c instanceof AuthorizeCase a) {
      return a.request();
    }
    if (c instanceof WhoCanCase w) {
      return w.request();
    }
    throw new IllegalArgumentException("no request in " + c);
  }

  static UserInfo identityOf(Subject s) {
    return switch (s.kind()) {
      case USER -> new UserInfo(s.name(), List.of());
      case GROUP -> new UserInfo("someone-in-" + s.name(), List.of(s.name()));
      case SERVICE_ACCOUNT -> new UserInfo(s.serviceAccountUserName(), List.of());
    };
  }

  private static boolean isUser(Subject s, UserInfo user) {
    return switch (s.kind()) {
      case USER -> s.name().equals(user.name());
      case GROUP -> user.groups().contains(s.name());
      case SERVICE_ACCOUNT -> s.serviceAccountUserName().equals(user.name());
    };
  }

  private static String explain(String story, AuthorizeCase c, Decision d) {
    StringBuilder sb = new StringBuilder();
    sb.append(c.origin()).append(": ").append(c.origin().text()).append('\n');
    sb.append("request: ").append(c.request()).append(" as ").append(c.user()).append('\n');
    sb.append("decision: ").append(d.allowed() ? "allow" : "deny").append('\n');
    for (Grant g : d.grants()) {
      sb.append("  grant ").append(g.binding()).append(" -> ").append(g.role()).append(" rule ")
          .append(g.ruleIndex()).append(" of ").append(g.rule().source()).append('\n');
    }
    PolicyFixtures.inventory(story).problems().forEach(p -> sb.append("  load: ").append(p).append('\n'));
    return sb.toString();
  }

  private static String show(List<PermissionEntry> entries) {
    if (entries.isEmpty()) {
      return "  (none)";
    }
    StringBuilder sb = new StringBuilder();
    for (PermissionEntry e : entries) {
      sb.append("  ").append(e.namespace() == null ? "*" : e.namespace())
          .append(" verbs=").append(e.rule().verbs())
          .append(" apiGroups=").append(e.rule().apiGroups())
          .append(" resources=").append(e.rule().resources())
          .append(" names=").append(e.rule().resourceNames())
          .append(" urls=").append(e.rule().nonResourceURLs()).append('\n');
    }
    return sb.toString();
  }
}

package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rbacaudit.rbac.Impersonation.ServiceAccountName;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The groups {@code --as USER --as-group G...} gets, as the API server's impersonation filter assigns them
 * (DESIGN.md section 5, spec/rbac-semantics.md section 2).
 */
class ImpersonationTest {

  private static final String SA = "system:serviceaccounts";
  private static final String AUTH = "system:authenticated";
  private static final String UNAUTH = "system:unauthenticated";

  /** One case: the behaviour it protects, --as, the --as-group values, and the groups the user must end up with. */
  record Case(String story, String user, List<String> asGroups, List<String> groups) {
    @Override
    public String toString() {
      return story;
    }
  }

  static Case c(String story, String user, List<String> asGroups, List<String> groups) {
    return new Case(story, user, asGroups, groups);
  }

  static Stream<Case> cases() {
    return Stream.of(
        c("a plain user gets system:authenticated", "alice", List.of(), List.of(AUTH)),
        c("given groups come first, system:authenticated after", "alice", List.of("devs", "ops"),
            List.of("devs", "ops", AUTH)),
        c("system:authenticated given explicitly is not added twice", "alice", List.of(AUTH), List.of(AUTH)),
        c("system:authenticated given in the middle keeps its place", "alice", List.of("devs", AUTH, "ops"),
            List.of("devs", AUTH, "ops")),
        c("a user given system:unauthenticated does not get system:authenticated", "alice", List.of(UNAUTH),
            List.of(UNAUTH)),
        c("duplicate groups are kept as given", "alice", List.of("devs", "devs"), List.of("devs", "devs", AUTH)),
        c("null --as-group list means none", "alice", null, List.of(AUTH)),
        c("a service account without --as-group gets its fixed groups", "system:serviceaccount:ci:builder",
            List.of(), List.of(SA, SA + ":ci", AUTH)),
        c("a service account with --as-group gets exactly those groups", "system:serviceaccount:ci:builder",
            List.of("devs"), List.of("devs", AUTH)),
        c("a service account given system:serviceaccounts gets no namespace group",
            "system:serviceaccount:ci:builder", List.of(SA), List.of(SA, AUTH)),
        c("a service account given system:unauthenticated gets no system:authenticated",
            "system:serviceaccount:ci:builder", List.of(UNAUTH), List.of(UNAUTH)),
        c("a service-account name may be a dotted subdomain", "system:serviceaccount:kube-system:my.agent",
            List.of(), List.of(SA, SA + ":kube-system", AUTH)),
        c("system:anonymous gets system:unauthenticated", "system:anonymous", List.of(), List.of(UNAUTH)),
        c("system:anonymous keeps given groups, then system:unauthenticated", "system:anonymous", List.of("devs"),
            List.of("devs", UNAUTH)),
        c("system:anonymous given system:unauthenticated is not added twice", "system:anonymous", List.of(UNAUTH),
            List.of(UNAUTH)),
        c("system:anonymous given system:authenticated still gets system:unauthenticated", "system:anonymous",
            List.of(AUTH), List.of(AUTH, UNAUTH)),
        c("system:serviceaccount:NS without a name is a plain user", "system:serviceaccount:ci", List.of(),
            List.of(AUTH)),
        c("three parts after the prefix is a plain user", "system:serviceaccount:ci:builder:x", List.of(),
            List.of(AUTH)),
        c("an empty namespace is a plain user", "system:serviceaccount::builder", List.of(), List.of(AUTH)),
        c("an empty name is a plain user", "system:serviceaccount:ci:", List.of(), List.of(AUTH)),
        c("an upper-case namespace is not a namespace name: plain user", "system:serviceaccount:CI:builder",
            List.of(), List.of(AUTH)),
        c("an invalid service-account name is a plain user", "system:serviceaccount:ci:Build_er", List.of(),
            List.of(AUTH)),
        c("a namespace longer than 63 characters is a plain user",
            "system:serviceaccount:" + "n".repeat(64) + ":builder", List.of(), List.of(AUTH)),
        c("the plural prefix system:serviceaccounts: is not a service account", "system:serviceaccounts:ci:builder",
            List.of(), List.of(AUTH)),
        c("the prefix is case-sensitive", "System:ServiceAccount:ci:builder", List.of(), List.of(AUTH)),
        c("a node user gets no node group from impersonation", "system:node:worker-1", List.of(), List.of(AUTH)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void assignsGroupsAsTheImpersonationFilterDoes(Case c) {
    UserInfo info = Impersonation.of(c.user(), c.asGroups());
    assertEquals(c.user(), info.name(), "the user name is never rewritten");
    assertEquals(c.groups(), info.groups());
  }

  @Test
  void aServiceAccountUserNameIsSplitIntoNamespaceAndName() {
    assertEquals(Optional.of(new ServiceAccountName("ci", "builder")),
        Impersonation.serviceAccountOf("system:serviceaccount:ci:builder"));
    assertEquals(Optional.empty(), Impersonation.serviceAccountOf("system:serviceaccount:ci"));
    assertEquals(Optional.empty(), Impersonation.serviceAccountOf(null));
  }

  @Test
  void anEmptyUserIsAUserError() {
    assertThrows(RequestSyntaxException.class, () -> Impersonation.of("", List.of("devs")));
    assertThrows(RequestSyntaxException.class, () -> Impersonation.of(null, List.of()));
  }

  @Test
  void theCallersListIsNotChanged() {
    List<String> given = new java.util.ArrayList<>(List.of("devs"));
    Impersonation.of("alice", given);
    assertEquals(List.of("devs"), given);
  }
}

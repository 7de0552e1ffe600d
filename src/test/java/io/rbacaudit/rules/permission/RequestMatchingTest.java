package io.rbacaudit.rules.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission template judges what a rule effectively allows, with the authorizer's matching: wildcards cover
 * what they cover, {@code * /sub} covers that subresource only, {@code pods/*} is literal, resourceNames narrow,
 * comparisons are exact. Each case binds one ClusterRole rule cluster-wide and asks whether the pattern flags it.
 */
class RequestMatchingTest {

  private static final String SECRETS_READ =
      "anyOf:\n- {verbs: [get, list, watch], apiGroups: [\"\"], resources: [secrets]}";
  private static final String EXEC = "anyOf:\n- {verbs: [create], apiGroups: [\"\"], resources: [pods/exec]}";
  private static final String NODE_PROXY = "anyOf:\n- {verbs: [get], apiGroups: [\"\"], resources: [nodes/proxy]}";
  private static final String AWS_AUTH =
      "anyOf:\n- {verbs: [update], apiGroups: [\"\"], resources: [configmaps], resourceNames: [aws-auth]}";
  private static final String DELETE_ALL =
      "anyOf:\n- {verbs: [delete], apiGroups: [\"\"], resources: [\"*\"]}";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("verb * covers get", SECRETS_READ, "[\"\"]", "[secrets]", "[\"*\"]", null, true),
        Arguments.of("resource * covers secrets", SECRETS_READ, "[\"\"]", "[\"*\"]", "[get]", null, true),
        Arguments.of("group * covers the core group", SECRETS_READ, "[\"*\"]", "[secrets]", "[list]", null, true),
        Arguments.of("group v1 is not the core group", SECRETS_READ, "[v1]", "[secrets]", "[get]", null, false),
        Arguments.of("resourceNames never allow the nameless request", SECRETS_READ, "[\"\"]", "[secrets]",
            "[get, list, watch]", "[tls]", false),
        Arguments.of("resources are case-sensitive", SECRETS_READ, "[\"\"]", "[Secrets]", "[get]", null, false),
        Arguments.of("verbs are case-sensitive", SECRETS_READ, "[\"\"]", "[secrets]", "[GET]", null, false),
        Arguments.of("empty verbs allow nothing", SECRETS_READ, "[\"\"]", "[secrets]", "[]", null, false),
        Arguments.of("pods does not cover pods/exec", EXEC, "[\"\"]", "[pods]", "[create]", null, false),
        Arguments.of("pods/* is literal", EXEC, "[\"\"]", "[\"pods/*\"]", "[create]", null, false),
        Arguments.of("*/exec covers pods/exec", EXEC, "[\"\"]", "[\"*/exec\"]", "[create]", null, true),
        Arguments.of("* covers subresources", EXEC, "[\"\"]", "[\"*\"]", "[create]", null, true),
        Arguments.of("nodes/metrics is not nodes/proxy", NODE_PROXY, "[\"\"]", "[nodes/metrics, nodes/stats]",
            "[get]", null, false),
        Arguments.of("*/proxy covers nodes/proxy", NODE_PROXY, "[\"\"]", "[\"*/proxy\"]", "[get]", null, true),
        Arguments.of("a named request matches a rule naming it", AWS_AUTH, "[\"\"]", "[configmaps]", "[update]",
            "[aws-auth]", true),
        Arguments.of("a named request matches an unrestricted rule", AWS_AUTH, "[\"\"]", "[configmaps]", "[update]",
            null, true),
        Arguments.of("a rule naming others does not match", AWS_AUTH, "[\"\"]", "[configmaps]", "[update]",
            "[my-lock]", false),
        Arguments.of("resource * only from a rule listing *", DELETE_ALL, "[\"\"]", "[pods, secrets]", "[delete]",
            null, false),
        Arguments.of("* in every group covers the core *", DELETE_ALL, "[\"*\"]", "[\"*\"]", "[delete]", null, true),
        Arguments.of("* in another group is not the core *", DELETE_ALL, "[apps]", "[\"*\"]", "[delete]", null,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void flagsExactlyWhatTheRuleAllows(String why, String pattern, String groups, String resources, String verbs,
      String names, boolean flagged) {
    String rule = "- apiGroups: " + groups + "\n  resources: " + resources + "\n  verbs: " + verbs
        + (names == null ? "" : "\n  resourceNames: " + names);
    String yaml = Scan.clusterRole("r", rule) + Scan.crb("b", "r", Scan.user("u"));
    assertEquals(flagged ? 1 : 0, Scan.run(Scan.rule(pattern), yaml).size(), why);
  }
}

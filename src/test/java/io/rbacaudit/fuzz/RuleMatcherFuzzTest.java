package io.rbacaudit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the rule matcher against a second, deliberately plain transcription of Kubernetes' RBAC matching
 * (plugin/pkg/auth/authorizer/rbac/rbac.go RuleAllows and pkg/apis/rbac/v1/evaluation_helpers.go). Strings are
 * drawn from a small alphabet of the characters that matter ("*", "/", letters) so that matches are common.
 */
class RuleMatcherFuzzTest {

  private static final String[] WORDS = {"*", "", "get", "list", "pods", "pods/log", "*/log", "log", "apps",
      "pods/*", "/api", "/api/*", "/api/v1", "/*", "a", "a*", "**"};

  @FuzzTest(maxDuration = "60s")
  void matcherAgreesWithTheKubernetesRule(FuzzedDataProvider data) {
    PolicyRule rule = new PolicyRule(words(data), words(data), words(data), words(data), words(data),
        Location.file("fuzz.yaml", 1));
    String verb = word(data);
    Request request;
    if (data.consumeBoolean()) {
      request = Request.nonResource(verb, word(data));
    } else {
      request = Request.resource(verb, word(data), word(data), word(data), word(data), word(data));
    }
    assertEquals(expected(rule, request), RuleMatcher.matches(rule, request), rule + " vs " + request);
  }

  private static List<String> words(FuzzedDataProvider data) {
    int n = data.consumeInt(0, 3);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(word(data));
    }
    return out;
  }

  private static String word(FuzzedDataProvider data) {
    return data.consumeBoolean() ? data.pickValue(WORDS) : data.consumeString(8);
  }

  static boolean expected(PolicyRule rule, Request r) {
    if (!anyEquals(rule.verbs(), r.verb())) {
      return false;
    }
    if (!r.isResourceRequest()) {
      for (String u : rule.nonResourceURLs()) {
        if (u.equals("*") || u.equals(r.path())
            || (u.endsWith("*") && r.path().startsWith(u.replaceAll("\\*+$", "")))) {
          return true;
        }
      }
      return false;
    }
    if (!anyEquals(rule.apiGroups(), r.apiGroup())) {
      return false;
    }
    String combined = r.subresource().isEmpty() ? r.resource() : r.resource() + "/" + r.subresource();
    boolean resource = false;
    for (String res : rule.resources()) {
      resource |= res.equals("*") || res.equals(combined)
          || (!r.subresource().isEmpty() && res.startsWith("*/") && res.substring(2).equals(r.subresource()));
    }
    return resource && (rule.resourceNames().isEmpty() || rule.resourceNames().contains(r.name()));
  }

  private static boolean anyEquals(List<String> list, String value) {
    return list.contains("*") || list.contains(value);
  }
}

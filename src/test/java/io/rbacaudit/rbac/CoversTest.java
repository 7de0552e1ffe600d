package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.PolicyRule;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The escalation check's containment (spec/rbac-semantics.md section 6, "Covers"), one clause per case. */
class CoversTest {

  /** A rule written as "verbs|groups|resources|names|urls", lists comma-separated, "" for empty. */
  private static PolicyRule r(String spec) {
    String[] p = spec.split("\\|", -1);
    return new PolicyRule(list(p[0]), list(p[1]), list(p[2]), list(p[3]), list(p[4]), Location.file("t.yaml", 1));
  }

  private static List<String> list(String s) {
    if (s.equals("-")) {
      return List.of();
    }
    return Arrays.stream(s.split(",", -1)).map(x -> x.equals("core") ? "" : x).toList();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("same rule covers itself", "get|core|pods|-|-", "get|core|pods|-|-", true),
        Arguments.of("owner * verbs covers any verb", "*|core|pods|-|-", "delete|core|pods|-|-", true),
        Arguments.of("enumerated verbs do not cover servant *", "get,list,watch,create,update,patch,delete|core|pods|-|-",
            "*|core|pods|-|-", false),
        Arguments.of("owner * covers servant *", "*|*|*|-|-", "*|*|*|-|-", true),
        Arguments.of("atoms may be covered by different owner rules", "get|core|pods|-|-\nlist|core|pods|-|-",
            "get,list|core|pods|-|-", true),
        Arguments.of("one missing atom fails", "get|core|pods|-|-", "get,list|core|pods|-|-", false),
        Arguments.of("different group is not covered", "get|apps|pods|-|-", "get|core|pods|-|-", false),
        Arguments.of("owner * group covers any group", "get|*|deployments|-|-", "get|apps|deployments|-|-", true),
        Arguments.of("*/sub covers x/sub", "get|core|*/status|-|-", "get|core|pods/status|-|-", true),
        Arguments.of("*/sub does not cover the parent", "get|core|*/status|-|-", "get|core|pods|-|-", false),
        Arguments.of("parent does not cover subresource", "get|core|pods|-|-", "get|core|pods/log|-|-", false),
        Arguments.of("owner * resources covers subresources", "get|core|*|-|-", "get|core|pods/exec|-|-", true),
        Arguments.of("owner without names covers named servant", "get|core|secrets|-|-", "get|core|secrets|a|-", true),
        Arguments.of("owner names cover listed names", "get|core|secrets|a,b|-", "get|core|secrets|a|-", true),
        Arguments.of("owner names do not cover other names", "get|core|secrets|a|-", "get|core|secrets|c|-", false),
        Arguments.of("owner with names does not cover unnamed servant", "get|core|secrets|a|-", "get|core|secrets|-|-", false),
        Arguments.of("exact URL", "get|-|-|-|/healthz", "get|-|-|-|/healthz", true),
        Arguments.of("trailing * URL covers prefix", "get|-|-|-|/api/*", "get|-|-|-|/api/v1", true),
        Arguments.of("trailing * URL does not cover shorter path", "get|-|-|-|/api/*", "get|-|-|-|/api", false),
        Arguments.of("several trailing stars", "get|-|-|-|/api**", "get|-|-|-|/apis", true),
        Arguments.of("URL * covers all URLs", "get|-|-|-|*", "get|-|-|-|/metrics", true),
        Arguments.of("resource rule does not cover URL", "*|*|*|-|-", "get|-|-|-|/metrics", false),
        Arguments.of("empty servant verbs has no atoms", "get|core|pods|-|-", "-|core|secrets|-|-", true),
        Arguments.of("cluster-admin covers admin-like rule", "*|*|*|-|-\n*|-|-|-|*",
            "get,list|core,apps|pods,deployments/scale|-|-\nget|-|-|-|/healthz", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void coversAsTheEscalationCheckDoes(String why, String owner, String servant, boolean expected) {
    List<PolicyRule> o = Arrays.stream(owner.split("\n")).map(CoversTest::r).toList();
    List<PolicyRule> s = Arrays.stream(servant.split("\n")).map(CoversTest::r).toList();
    assertEquals(expected, Covers.covers(o, s), why);
  }
}

package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.GeneratedPolicies.GenRole;
import io.rbacaudit.rbac.GeneratedPolicies.Policy;
import io.rbacaudit.rbac.GeneratedPolicies.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, point 3: properties of the semantics over a few thousand generated policies and requests (seeded, so a
 * failure names its seed and reproduces). Each property is one a security reviewer relies on without checking.
 */
class SemanticPropertiesTest {

  private static final int POLICIES = 1000;
  private static final int REQUESTS = 25;
  private static final List<UserInfo> USERS = GeneratedPolicies.users();

  @Test
  void aggregationAndEveryAnswerDoNotDependOnInputOrder() {
    for (long seed = 0; seed < POLICIES; seed++) {
      GeneratedPolicies gen = new GeneratedPolicies(seed);
      List<String> docs = GeneratedPolicies.documents(gen.policy());
      List<String> shuffled = new ArrayList<>(docs);
      Collections.shuffle(shuffled, gen.random());
      Authorizer a = authorizer(docs);
      Authorizer b = authorizer(shuffled);
      for (int i = 0; i < REQUESTS; i++) {
        Request r = gen.request();
        for (UserInfo u : USERS) {
          Decision da = a.authorize(u, r);
          Decision db = b.authorize(u, r);
          if (da.allowed() != db.allowed() || da.grants().size() != db.grants().size()) {
            fail("seed " + seed + ": " + u + " " + r + " answered " + da.allowed() + " then " + db.allowed());
          }
        }
      }
    }
  }

  @Test
  void aStarOnAnyAxisAllowsEverythingTheExplicitRuleAllows() {
    GeneratedPolicies gen = new GeneratedPolicies(42);
    int covered = 0;
    for (int i = 0; i < 20_000; i++) {
      Rule g = gen.rule(true);
      PolicyRule rule = rule(g.verbs(), g.apiGroups(), g.resources(), g.resourceNames(), g.urls());
      List<PolicyRule> wider = List.of(
          rule(List.of("*"), g.apiGroups(), g.resources(), g.resourceNames(), g.urls()),
          rule(g.verbs(), List.of("*"), g.resources(), g.resourceNames(), g.urls()),
          rule(g.verbs(), g.apiGroups(), List.of("*"), g.resourceNames(), g.urls()),
          rule(g.verbs(), g.apiGroups(), g.resources(), g.resourceNames(), g.urls().isEmpty() ? g.urls()
              : List.of("*")));
      Request r = gen.request();
      if (RuleMatcher.matches(rule, r)) {
        covered++;
        for (PolicyRule w : wider) {
          assertTrue(RuleMatcher.matches(w, r), "case " + i + ": " + w + " must allow " + r + " as " + rule + " does");
        }
      }
    }
    assertTrue(covered > 500, "the generator must produce matching cases, got " + covered);
  }

  @Test
  void addingABindingNeverRemovesAPermission() {
    for (long seed = 0; seed < POLICIES; seed++) {
      GeneratedPolicies gen = new GeneratedPolicies(seed);
      Policy p = gen.policy();
      List<String> docs = GeneratedPolicies.documents(p);
      List<String> more = new ArrayList<>(docs);
      more.add(GeneratedPolicies.yaml(gen.binding("extra")));
      Authorizer before = authorizer(docs);
      Authorizer after = authorizer(more);
      for (int i = 0; i < REQUESTS; i++) {
        Request r = gen.request();
        for (UserInfo u : USERS) {
          if (before.authorize(u, r).allowed() && !after.authorize(u, r).allowed()) {
            fail("seed " + seed + ": adding a binding removed " + r + " from " + u);
          }
        }
      }
    }
  }

  @Test
  void resourceNamesNeverWiden() {
    for (long seed = 0; seed < POLICIES; seed++) {
      GeneratedPolicies gen = new GeneratedPolicies(seed);
      Policy p = gen.policy();
      Policy narrowed = new Policy(p.roles().stream().map(r -> narrowed(r, gen)).toList(), p.bindings());
      Authorizer wide = authorizer(GeneratedPolicies.documents(p));
      Authorizer narrow = authorizer(GeneratedPolicies.documents(narrowed));
      for (int i = 0; i < REQUESTS; i++) {
        Request r = gen.request();
        for (UserInfo u : USERS) {
          if (narrow.authorize(u, r).allowed() && !wide.authorize(u, r).allowed()) {
            fail("seed " + seed + ": adding resourceNames allowed " + r + " to " + u);
          }
        }
      }
    }
  }

  @Test
  void whoCanAndCanIAgreeForEverySubject() {
    int listed = 0;
    for (long seed = 0; seed < POLICIES; seed++) {
      GeneratedPolicies gen = new GeneratedPolicies(seed);
      Authorizer authz = authorizer(GeneratedPolicies.documents(gen.policy()));
      for (int i = 0; i < REQUESTS; i++) {
        Request r = gen.request();
        List<Subject> who = authz.whoCan(r).stream().map(SubjectGrants::subject).toList();
        for (Subject s : who) {
          listed++;
          assertTrue(authz.authorize(userOf(s), r).allowed(), "seed " + seed + ": who-can lists " + s + " for "
              + r + " but can-i says no");
        }
        for (UserInfo u : USERS) {
          boolean allowed = authz.authorize(u, r).allowed();
          boolean named = who.stream().anyMatch(s -> names(s, u));
          assertEquals(allowed, named, "seed " + seed + ": can-i says " + allowed + " for " + u + " " + r
              + " but who-can lists " + who);
        }
      }
    }
    assertTrue(listed > 1000, "the generator must produce who-can answers, got " + listed);
  }

  private static GenRole narrowed(GenRole r, GeneratedPolicies gen) {
    List<Rule> rules = r.rules().stream()
        .map(rule -> rule.urls().isEmpty() && rule.resourceNames().isEmpty() && gen.random().nextBoolean()
            ? new Rule(rule.verbs(), rule.apiGroups(), rule.resources(), List.of(GeneratedPolicies.NAMES[0]),
                rule.urls())
            : rule)
        .toList();
    return new GenRole(r.namespace(), r.name(), r.labelled(), r.aggregate(), rules);
  }

  private static UserInfo userOf(Subject s) {
    return switch (s.kind()) {
      case USER -> Impersonation.of(s.name(), null);
      case GROUP -> Impersonation.of("probe", List.of(s.name()));
      default -> Impersonation.of("system:serviceaccount:" + s.namespace() + ":" + s.name(), null);
    };
  }

  /** Whether who-can's subject is this user, or one of its groups. */
  private static boolean names(Subject s, UserInfo u) {
    return switch (s.kind()) {
      case USER -> s.name().equals(u.name());
      case GROUP -> u.groups().contains(s.name());
      default -> u.name().equals("system:serviceaccount:" + s.namespace() + ":" + s.name());
    };
  }

  private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources,
      List<String> names, List<String> urls) {
    return new PolicyRule(verbs, groups, resources, names, urls, Location.file("generated", 1));
  }

  private static Authorizer authorizer(List<String> docs) {
    Inventory inv = new ManifestLoader(LoadOptions.defaults(), null).loadText("gen.yaml",
        GeneratedPolicies.text(docs));
    if (!inv.problems().isEmpty()) {
      fail("the generator wrote a manifest the loader rejects: " + inv.problems() + "\n"
          + GeneratedPolicies.text(docs));
    }
    return new Authorizer(inv);
  }
}

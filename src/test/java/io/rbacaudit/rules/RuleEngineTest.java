package io.rbacaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine runs the selected rules (config disable, --enable over it, --disable), at overridden severities, in two
 * phases (derived checks see the first phase's findings), and returns findings in one deterministic order.
 */
class RuleEngineTest {

  private static final ScanContext EMPTY = Fixtures.context("empty.yaml", "");

  /** A template whose checks report one finding per subject listed in params.subjects, at the rule's severity. */
  private static final Template LISTS = new Template() {
    @Override
    public String name() {
      return "lists";
    }

    @Override
    public Check compile(RuleSpec spec) {
      @SuppressWarnings("unchecked")
      List<String> subjects = (List<String>) spec.params().get("subjects");
      return context -> subjects.stream().map(s -> finding(spec, s, spec.severityFor(true))).toList();
    }
  };

  /** A derived template: one finding per finding of the first phase. */
  private static final Template ECHO = new Template() {
    @Override
    public String name() {
      return "echo";
    }

    @Override
    public boolean derived() {
      return true;
    }

    @Override
    public Check compile(RuleSpec spec) {
      return context -> context.priorFindings().stream()
          .map(f -> finding(spec, "echo-of-" + f.ruleId() + "-" + f.subject().name(), spec.severity())).toList();
    }
  };

  private static final Map<String, Template> TEMPLATES = Map.of("lists", LISTS, "echo", ECHO);

  static Finding finding(RuleSpec spec, String subject, Severity severity) {
    return new Finding(spec, severity, subject, new ObjectRef("User", subject, null), null, "k",
        Location.file("x", 1), List.of(), List.of(), List.of(), false, false);
  }

  static RuleSpec spec(String id, Severity severity, Severity clusterWide, String template, List<String> subjects) {
    return new RuleSpec(id, id.toLowerCase(), "t", severity, clusterWide, "custom", "d", "r", List.of("ref"),
        template, subjects == null ? Map.of() : Map.of("subjects", subjects), id + "/rule.yaml");
  }

  private static final List<RuleSpec> RULES = List.of(
      spec("ACME-10", Severity.LOW, null, "lists", List.of("b", "a")),
      spec("ACME-2", Severity.LOW, null, "lists", List.of("c")),
      spec("ACME-3", Severity.HIGH, Severity.CRITICAL, "lists", List.of("d")),
      spec("ACME-4", Severity.INFO, null, "echo", null));

  private static List<String> run(RuleSelection selection) {
    List<String> out = new ArrayList<>();
    for (Finding f : new RuleEngine(RULES, selection, TEMPLATES).run(EMPTY)) {
      out.add(f.ruleId() + " " + f.severity() + " " + f.subject().name());
    }
    return out;
  }

  @Test
  void findingsAreSortedBySeverityThenRuleIdNaturallyThenSubject() {
    assertEquals(List.of(
        "ACME-3 critical d",
        "ACME-2 low c",
        "ACME-10 low a",
        "ACME-10 low b",
        "ACME-4 info echo-of-ACME-10-a",
        "ACME-4 info echo-of-ACME-10-b",
        "ACME-4 info echo-of-ACME-2-c",
        "ACME-4 info echo-of-ACME-3-d"), run(RuleSelection.all()));
  }

  @Test
  void theConfigDisablesEnableForcesBackAndDisableTurnsOff() {
    RuleSelection selection = new RuleSelection(Set.of("ACME-2", "ACME-3"), Set.of("ACME-3"), Set.of("ACME-10"),
        Map.of());
    assertEquals(List.of("ACME-3 critical d", "ACME-4 info echo-of-ACME-3-d"), run(selection));
  }

  @Test
  void severityOverridesReplaceTheRulesSeverity() {
    RuleSelection selection = new RuleSelection(Set.of(), Set.of(), Set.of("ACME-4"),
        Map.of("ACME-2", Severity.HIGH, "ACME-3", Severity.LOW));
    // An override is the rule's severity for every finding, cluster-wide ones included (ACME-3's was critical).
    assertEquals(List.of("ACME-2 high c", "ACME-3 low d", "ACME-10 low a", "ACME-10 low b"), run(selection));
    RuleEngine engine = new RuleEngine(RULES, selection, TEMPLATES);
    assertEquals(List.of("ACME-2", "ACME-3", "ACME-10"), engine.rules().stream().map(RuleSpec::id).toList());
    assertEquals(Severity.HIGH, engine.rules().get(0).severity());
  }

  @Test
  void unknownIdsAndContradictionsAreProblemsWithSuggestions() {
    RuleSelection selection = new RuleSelection(Set.of("ACME-99"), Set.of("acme-2", "ACME-3"), Set.of("ACME-3"),
        Map.of("RBAC-1", Severity.LOW));
    assertEquals(List.of(
        "--enable names acme-2, which is no rule (did you mean ACME-2?); `rbac-audit rules list` shows them all",
        "the config file's disable: names ACME-99, which is no rule (did you mean ACME-2, ACME-3 or ACME-4?); "
            + "`rbac-audit rules list` shows them all",
        "the config file's severity: names RBAC-1, which is no rule; `rbac-audit rules list` shows them all",
        "ACME-3 is given to both --enable and --disable; keep one"), selection.problems(RULES));
    assertThrows(IllegalArgumentException.class, () -> new RuleEngine(RULES, selection, TEMPLATES));
  }

  @Test
  void aFailingCheckNamesItsRule() {
    Template broken = new Template() {
      @Override
      public String name() {
        return "broken";
      }

      @Override
      public Check compile(RuleSpec spec) {
        return context -> {
          throw new IllegalStateException("boom");
        };
      }
    };
    RuleEngine engine = new RuleEngine(List.of(spec("ACME-1", Severity.LOW, null, "broken", null)),
        RuleSelection.all(), Map.of("broken", broken));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> engine.run(EMPTY));
    assertTrue(e.getMessage().startsWith("rule ACME-1 failed"), e.getMessage());
  }

  /**
   * The checks of a phase run side by side: here the heavy check can only finish once a light one has run, which a
   * one-at-a-time engine (heavy first) would never allow. The findings come out in the usual order all the same.
   */
  @Test
  void checksOfAPhaseRunSideBySideAndTheOrderStaysTheSame() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().availableProcessors() > 1,
        "needs two cores to run checks side by side");
    java.util.concurrent.CountDownLatch lightRan = new java.util.concurrent.CountDownLatch(1);
    Template heavy = new Template() {
      @Override
      public String name() {
        return "heavy";
      }

      @Override
      public boolean heavy() {
        return true;
      }

      @Override
      public Check compile(RuleSpec spec) {
        return context -> {
          try {
            assertTrue(lightRan.await(30, java.util.concurrent.TimeUnit.SECONDS), "the light check never ran meanwhile");
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
          return List.of(finding(spec, "h", spec.severity()));
        };
      }
    };
    Template light = new Template() {
      @Override
      public String name() {
        return "light";
      }

      @Override
      public Check compile(RuleSpec spec) {
        return context -> {
          lightRan.countDown();
          return List.of(finding(spec, "l", spec.severity()));
        };
      }
    };
    List<RuleSpec> rules = List.of(spec("ACME-1", Severity.LOW, null, "light", null),
        spec("ACME-2", Severity.LOW, null, "heavy", null));
    List<String> out = new RuleEngine(rules, RuleSelection.all(), Map.of("heavy", heavy, "light", light)).run(EMPTY)
        .stream().map(f -> f.ruleId() + " " + f.subject().name()).toList();
    assertEquals(List.of("ACME-1 l", "ACME-2 h"), out);
  }

  @Test
  void theBuiltInRulesRunOverTheirOwnEngine() {
    RuleEngine engine = new RuleEngine(RuleLoader.builtIn(), RuleSelection.all());
    assertEquals(RuleLoader.builtIn().size(), engine.rules().size());
    assertEquals(List.of(), engine.run(EMPTY), "no inputs, no findings (built-in roles are never reported)");
  }
}

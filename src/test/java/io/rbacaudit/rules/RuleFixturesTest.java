package io.rbacaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Problem;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule's fixtures prove its verdicts: a {@code fail.*} fixture produces at least one finding of its rule, a
 * {@code pass.*} fixture none. Each fixture is scanned with every rule (so a verdict cannot come from running the
 * rule alone), and its {@code # expect:} lines, when present, list exactly the findings of each rule they name
 * (subject, scope, severity).
 */
class RuleFixturesTest {

  private static final List<RuleSpec> RULES = Fixtures.repositoryRules();
  private static final RuleEngine ENGINE = new RuleEngine(RULES, RuleSelection.all());

  @TestFactory
  List<DynamicTest> everyFixtureGivesItsVerdict() {
    Map<Path, RuleSpec> byFolder = new HashMap<>();
    for (RuleSpec r : RULES) {
      byFolder.put(Path.of(r.origin()).getParent(), r);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Path folder : Fixtures.ruleFolders()) {
      RuleSpec rule = byFolder.get(folder);
      for (Path fixture : Fixtures.fixtures(folder)) {
        tests.add(DynamicTest.dynamicTest(rule.id() + " " + fixture.getFileName(), () -> verdict(rule, fixture)));
      }
    }
    return tests;
  }

  private static void verdict(RuleSpec rule, Path fixture) {
    String text = Fixtures.read(fixture);
    String name = fixture.toString().replace('\\', '/');
    ScanContext context = Fixtures.context(name, text);
    List<Problem> errors = context.inventory().problems().stream().filter(Problem::isError).toList();
    assertTrue(errors.isEmpty(), name + " does not load cleanly: " + errors);
    List<Finding> all = ENGINE.run(context);
    List<Finding> mine = all.stream().filter(f -> f.ruleId().equals(rule.id())).toList();
    String shown = "\nfindings of " + rule.id() + ":\n" + Fixtures.listing(mine) + "\nall findings:\n"
        + Fixtures.listing(all);
    if (fixture.getFileName().toString().startsWith("fail.")) {
      assertFalse(mine.isEmpty(), name + " must produce a finding of " + rule.id() + shown);
    } else {
      assertTrue(mine.isEmpty(), name + " must produce no finding of " + rule.id() + shown);
    }
    Map<String, TreeSet<String>> expected = new TreeMap<>();
    for (String line : Fixtures.expectations(text)) {
      expected.computeIfAbsent(line.split(" ")[0], k -> new TreeSet<>()).add(line);
    }
    expected.forEach((id, lines) -> {
      TreeSet<String> actual = all.stream().filter(f -> f.ruleId().equals(id)).map(Fixtures::describe)
          .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(String.join("\n", lines), String.join("\n", actual),
          name + ": the # expect: lines for " + id + " differ from its findings" + shown);
    });
  }
}

package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every structural rule's fixtures give their verdict (DESIGN.md section 6): a {@code fail.*} fixture produces at
 * least one finding of its rule, a {@code pass.*} fixture none, and when the fixture declares {@code # expect:} lines,
 * exactly those findings (rule, subject, scope, severity). All structural rules run together, derived ones last, as
 * the engine runs them.
 */
class StructuralFixtureTest {

  @TestFactory
  Stream<DynamicTest> fixturesGiveTheirVerdict() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path folder : Scans.ruleFolders()) {
      RuleSpec spec = Scans.spec(folder);
      try (Stream<Path> files = Files.list(folder)) {
        for (Path f : files.sorted().toList()) {
          String name = f.getFileName().toString();
          if (name.startsWith("fail.") || name.startsWith("pass.")) {
            tests.add(DynamicTest.dynamicTest(spec.id() + " " + name, () -> verdict(spec, f)));
          }
        }
      }
    }
    return tests.stream();
  }

  private static void verdict(RuleSpec spec, Path fixture) throws IOException {
    String text = Files.readString(fixture);
    assertTrue(text.startsWith("#"), fixture + " must open with a comment saying why it fails or passes");
    List<Finding> found = Scans.runAll(Scans.context(text)).stream()
        .filter(f -> f.ruleId().equals(spec.id())).toList();
    boolean failing = fixture.getFileName().toString().startsWith("fail.");
    if (failing) {
      assertFalse(found.isEmpty(), fixture + " must produce a finding of " + spec.id());
    } else {
      assertTrue(found.isEmpty(), fixture + " must produce no finding of " + spec.id() + ", got " + describe(found));
    }
    TreeSet<String> expected = new TreeSet<>();
    for (String line : text.lines().takeWhile(l -> l.startsWith("#")).toList()) {
      String body = line.substring(1).strip();
      if (body.startsWith("expect:")) {
        String e = body.substring("expect:".length()).strip();
        if (!e.startsWith(spec.id() + " ")) {
          fail(fixture + ": an expect line names another rule: " + line);
        }
        expected.add(e);
      }
    }
    if (!expected.isEmpty()) {
      assertEquals(expected, new TreeSet<>(describe(found)), fixture + ": findings differ from the expect lines");
    }
  }

  private static List<String> describe(List<Finding> found) {
    return found.stream().map(f -> f.ruleId() + " " + f.subject() + " namespace="
        + (f.namespace() == null ? "-" : f.namespace()) + " severity=" + f.severity()).toList();
  }

  @Test
  void everyStructuralRuleHasFixturesOfBothKinds() throws IOException {
    List<Path> folders = Scans.ruleFolders();
    assertEquals(20, folders.size(), "RBAC-102..111 and RBAC-601..610: " + folders);
    for (Path folder : folders) {
      try (Stream<Path> files = Files.list(folder)) {
        List<String> names = files.map(p -> p.getFileName().toString()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("fail.") && n.endsWith(".yaml")), folder + " fail");
        assertTrue(names.stream().anyMatch(n -> n.startsWith("pass.") && n.endsWith(".yaml")), folder + " pass");
      }
      RuleSpec spec = Scans.spec(folder);
      String expectedFolder = spec.id() + "-" + spec.name();
      assertEquals(expectedFolder, folder.getFileName().toString(), "folder is named ID-name");
      assertEquals(folder.getParent().getFileName().toString(), spec.category(), "category is the folder");
    }
  }

  @Test
  void everyRuleCompilesWithItsParams() {
    for (Path folder : Scans.ruleFolders()) {
      RuleSpec spec = Scans.spec(folder);
      Scans.template(spec.template()).compile(spec);
    }
  }
}

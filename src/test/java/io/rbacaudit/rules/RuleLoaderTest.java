package io.rbacaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rule loading is strict and reports every problem of every folder at once, one line each naming file, line and
 * field; user folders (--rules) add rules beside the built-in ones, with unique ids across all of them.
 */
class RuleLoaderTest {

  @TempDir Path dir;

  static String ruleYaml(String id, String name, String extra) {
    return """
        id: %s
        name: %s
        title: A title
        severity: medium
        category: custom
        description: Why it matters.
        remediation: What to do.
        references: [https://example.com]
        template: permission
        params:
          anyOf:
          - {verbs: [get], apiGroups: [""], resources: [pods]}
        %s""".formatted(id, name, extra);
  }

  private Path folder(String relative, String ruleText, String... fixtures) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f);
    Files.writeString(f.resolve("rule.yaml"), ruleText);
    for (String fixture : fixtures) {
      Files.writeString(f.resolve(fixture), "# why\n");
    }
    return f;
  }

  private List<String> problems(boolean builtIn) {
    RuleFolderReader.Scan scan = RuleFolderReader.directory(dir, "my-rules", builtIn);
    return assertThrows(RuleDefinitionException.class, () -> RuleLoader.fromScans(List.of(scan))).problems();
  }

  @Test
  void aUserFolderAddsItsRulesToTheBuiltInOnes() throws IOException {
    folder("team/ACME-1-pod-readers", ruleYaml("ACME-1", "pod-readers", ""), "fail.a.yaml", "pass.b.yaml");
    List<RuleSpec> rules = RuleLoader.load(List.of(dir));
    assertEquals(RuleLoader.builtIn().size() + 1, rules.size());
    RuleSpec mine = rules.stream().filter(r -> r.id().equals("ACME-1")).findFirst().orElseThrow();
    assertEquals(dir + "/team/ACME-1-pod-readers/rule.yaml", mine.origin());
  }

  @Test
  void everyProblemOfEveryFolderIsReportedAtOnce() throws IOException {
    folder("a/ACME-1-first", """
        id: ACME-1
        name: first
        title: A title
        severity: urgent
        category: Custom Things
        description: Why.
        remediation: What.
        references: []
        template: permission
        params: {anyOf: []}
        owner: me
        """, "fail.x.yaml", "pass.y.yaml");
    folder("b/ACME-2-second", ruleYaml("ACME-2", "second", ""));
    folder("c/ACME-2-second", ruleYaml("ACME-2", "second", ""), "fail.x.yaml", "pass.y.yaml");
    folder("d/acme-3-third", ruleYaml("acme-3", "third", "clusterWideSeverity: low\n"), "fail.yaml",
        "pass.ok.yaml");
    folder("e/ACME-4-fourth", ruleYaml("ACME-4", "fourth", "").replace("permission", "no-such-template"),
        "fail.x.yaml", "pass.y.yaml");
    assertEquals(List.of(
        "my-rules/a/ACME-1-first/rule.yaml:11: owner: unknown key; a rule file has id, name, title, severity, "
            + "clusterWideSeverity, category, description, remediation, references, template, params",
        "my-rules/a/ACME-1-first/rule.yaml:4: severity: one of critical, high, medium, low, info; found 'urgent'",
        "my-rules/a/ACME-1-first/rule.yaml:8: references: a non-empty list of strings",
        "my-rules/a/ACME-1-first/rule.yaml:5: category: lower-case words joined by dashes; found 'Custom Things'",
        "my-rules/b/ACME-2-second: no fail.<story>.yaml fixture (a manifest set this rule must flag)",
        "my-rules/b/ACME-2-second: no pass.<story>.yaml fixture (a near-miss this rule must leave alone)",
        "my-rules/c/ACME-2-second/rule.yaml: id: ACME-2 is already the id of my-rules/b/ACME-2-second/rule.yaml; "
            + "ids are unique across all rule folders",
        "my-rules/d/acme-3-third/fail.yaml: fixtures are named fail.<story>.yaml or pass.<story>.yaml (story in "
            + "lower-case-with-dashes)",
        "my-rules/d/acme-3-third/rule.yaml:1: id: rule ids are upper-case letters or digits, a dash and a number "
            + "(ACME-1); found 'acme-3'",
        "my-rules/d/acme-3-third/rule.yaml:13: clusterWideSeverity: lower than severity (medium); it replaces "
            + "severity for cluster-wide grants",
        "my-rules/e/ACME-4-fourth/rule.yaml:9: template: unknown template 'no-such-template'; built-in templates: "
            + String.join(", ", Templates.builtIn().keySet())), problems(false).stream().filter(p -> !p.contains(": params.")).toList());
  }

  @Test
  void templateProblemsPointAtTheirLine() throws IOException {
    folder("x/ACME-1-bad-params", ruleYaml("ACME-1", "bad-params", "").replace("verbs: [get]", "verbs: get"),
        "fail.x.yaml", "pass.y.yaml");
    assertEquals(List.of("my-rules/x/ACME-1-bad-params/rule.yaml:12: params.anyOf[0].verbs: must be a non-empty list"),
        problems(false));
  }

  @Test
  void missingKeysAreEachReported() throws IOException {
    folder("x/ACME-1-short", "id: ACME-1\nname: short\n", "fail.x.yaml", "pass.y.yaml");
    List<String> problems = problems(false);
    assertEquals(8, problems.size(), String.join("\n", problems));
    assertTrue(problems.contains("my-rules/x/ACME-1-short/rule.yaml:1: params: missing (required); write "
        + "params: {} for a template that takes none"), String.join("\n", problems));
  }

  @Test
  void builtInRulesAreStricterAboutIdsAndCategories() throws IOException {
    folder("credentials/ACME-1-x", ruleYaml("ACME-1", "x", ""), "fail.x.yaml", "pass.y.yaml");
    folder("credentials/RBAC-999-y", ruleYaml("RBAC-999", "y", "").replace("category: custom",
        "category: bindings"), "fail.x.yaml", "pass.y.yaml");
    assertEquals(List.of(
        "my-rules/credentials/ACME-1-x/rule.yaml:1: id: built-in rule ids are RBAC-NNN (three digits); found 'ACME-1'",
        "my-rules/credentials/ACME-1-x/rule.yaml:5: category: one of bindings, credentials, workloads, escalation, "
            + "cluster, service-accounts; found 'custom'",
        "my-rules/credentials/RBAC-999-y/rule.yaml:5: category: the rule sits in folder credentials but says "
            + "category bindings"), problems(true));
  }

  @Test
  void aFolderNamedOtherwiseThanItsRuleIsAProblem() throws IOException {
    folder("x/pods", ruleYaml("ACME-1", "pod-readers", ""), "fail.x.yaml", "pass.y.yaml");
    assertEquals(List.of("my-rules/x/pods/rule.yaml:2: name: the folder of rule ACME-1 pod-readers must be named "
        + "ACME-1-pod-readers, not pods"), problems(false));
  }

  @Test
  void aUserRuleCannotReuseABuiltInId() throws IOException {
    folder("x/RBAC-201-secrets-read", ruleYaml("RBAC-201", "secrets-read", ""), "fail.x.yaml", "pass.y.yaml");
    RuleDefinitionException e = assertThrows(RuleDefinitionException.class, () -> RuleLoader.load(List.of(dir)));
    assertEquals(1, e.problems().size(), String.join("\n", e.problems()));
    assertTrue(e.problems().get(0).contains("id: RBAC-201 is already the id of builtin:rules/credentials/"
        + "RBAC-201-secrets-read/rule.yaml"), e.problems().get(0));
  }

  @Test
  void aMissingOrEmptyFolderIsAProblem() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    RuleDefinitionException e = assertThrows(RuleDefinitionException.class,
        () -> RuleLoader.load(List.of(dir.resolve("nope"), empty)));
    assertEquals(List.of(
        dir.resolve("nope") + ": no such folder; --rules takes a folder of rule folders (each holding a rule.yaml)",
        empty + ": no rule folders here (a rule folder holds a rule.yaml and its fixtures)"), e.problems());
  }

  @Test
  void unreadableYamlIsOneProblemWithItsLine() throws IOException {
    folder("x/ACME-1-broken", "id: ACME-1\nname: [broken\n", "fail.x.yaml", "pass.y.yaml");
    List<String> problems = problems(false);
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).startsWith("my-rules/x/ACME-1-broken/rule.yaml:3: YAML syntax error"), problems.get(0));
  }
}

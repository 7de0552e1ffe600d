package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.rules.RuleLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rules list and rules show, in-process: exit codes, stdout and stderr, with and without --rules folders. */
class RulesCommandTest {

  @TempDir Path dir;

  private Path userRule(String id, String name, String severity) throws IOException {
    Path f = Files.createDirectories(dir.resolve("team").resolve(id + "-" + name));
    Files.writeString(f.resolve("rule.yaml"), """
        id: %s
        name: %s
        title: Team members can read pods
        severity: %s
        category: team
        description: Why it matters.
        remediation: What to do.
        references: [https://example.com/pods]
        template: permission
        params:
          anyOf:
          - {verbs: [get], apiGroups: [""], resources: [pods]}
        """.formatted(id, name, severity));
    Files.writeString(f.resolve("fail.reads.yaml"), "# reads pods\n");
    Files.writeString(f.resolve("pass.none.yaml"), "# reads nothing\n");
    return f;
  }

  @Test
  void listGroupsEveryRuleByCategoryWithSeverityAndTitle() {
    CliRun run = CliRun.of("rules", "list");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().matches("(?s)bindings\n  RBAC-101  high/critical +Subject holds every permission.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*\ncredentials\n  RBAC-201  high/critical +Subject can read Secrets\n.*"),
        run.out());
    assertTrue(run.out().matches("(?s).*\n  RBAC-307  critical +Subject can reach every kubelet.*"), run.out());
    assertTrue(run.out().endsWith("\n\n" + RuleLoader.builtIn().size() + " rules. Severity high/critical: high, "
        + "critical when granted cluster-wide. Details: rbac-audit rules show ID\n"), run.out());
    assertEquals("", run.err());
    assertEquals(run.out(), CliRun.of("rules").out(), "rules alone lists");
  }

  @Test
  void showPrintsEveryFieldAndTheParameters() {
    CliRun run = CliRun.of("rules", "show", "RBAC-201");
    assertEquals(0, run.exit(), run.toString());
    assertTrue(run.out().startsWith("RBAC-201  secrets-read\nSubject can read Secrets\n\n"
        + "Severity:   high (critical when granted cluster-wide)\nCategory:   credentials\nTemplate:   permission\n"
        + "Defined in: builtin:rules/credentials/RBAC-201-secrets-read/rule.yaml\n"), run.out());
    assertTrue(run.out().contains("\nParameters\n  anyOf:\n  - verbs: [get, list, watch]\n    apiGroups: [\"\"]\n"
        + "    resources: [secrets]\n"), run.out());
    assertTrue(run.out().contains("  - https://kubernetes.io/docs/concepts/security/rbac-good-practices/"
        + "#listing-secrets\n"), run.out());
  }

  @Test
  void showFindsARuleByNameOrInAnyCase() {
    assertEquals(CliRun.of("rules", "show", "RBAC-307").out(), CliRun.of("rules", "show", "node-proxy").out());
    assertEquals(CliRun.of("rules", "show", "RBAC-307").out(), CliRun.of("rules", "show", "rbac-307").out());
  }

  @Test
  void anUnknownIdExits2AndSuggestsCloseOnes() {
    CliRun run = CliRun.of("rules", "show", "RBAC-2011");
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    assertEquals("rbac-audit: no rule RBAC-2011 (did you mean RBAC-201, RBAC-101 or RBAC-111?); "
        + "`rbac-audit rules list` shows them all\n", run.err());
  }

  @Test
  void userFoldersAddTheirRules() throws IOException {
    userRule("TEAM-1", "pod-readers", "low");
    CliRun list = CliRun.of("rules", "list", "--rules", dir.toString());
    assertEquals(0, list.exit(), list.toString());
    assertTrue(list.out().matches("(?s).*\nteam\n  TEAM-1 +low +Team members can read pods\n\n"
        + (RuleLoader.builtIn().size() + 1) + " rules\\. .*"), list.out());
    CliRun show = CliRun.of("rules", "--rules", dir.toString(), "show", "TEAM-1");
    assertEquals(0, show.exit(), show.toString());
    assertTrue(show.out().contains("Defined in: " + dir.resolve("team/TEAM-1-pod-readers/rule.yaml")), show.out());
  }

  @Test
  void aBrokenUserFolderPrintsEveryProblemAndExits2() throws IOException {
    Path f = userRule("TEAM-1", "pod-readers", "urgent");
    Files.delete(f.resolve("pass.none.yaml"));
    CliRun run = CliRun.of("rules", "list", "--rules", dir.toString());
    assertEquals(2, run.exit());
    assertEquals("", run.out());
    String folder = dir.resolve("team/TEAM-1-pod-readers").toString();
    assertEquals("rbac-audit: " + folder + ": no pass.<story>.yaml fixture (a near-miss this rule must leave alone)\n"
        + "rbac-audit: " + folder + "/rule.yaml:4: severity: one of critical, high, medium, low, info; found 'urgent'\n"
        + "rbac-audit: the rules have 2 problems (above); fix them or leave out the --rules folder\n", run.err());
  }
}

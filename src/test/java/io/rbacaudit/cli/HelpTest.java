package io.rbacaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command answers -h and --help with its usage and exit 0, even when its required arguments are missing: a
 * mistyped command's error says "Run 'rbac-audit scan --help' for usage", so that must work.
 */
class HelpTest {

  @ParameterizedTest
  @ValueSource(strings = {"scan", "can-i", "who-can", "permissions", "paths", "graph", "rules", "diff", "version"})
  void everyCommandPrintsItsUsage(String command) {
    for (String flag : new String[] {"--help", "-h"}) {
      CliRun run = CliRun.of(command, flag);
      assertEquals(0, run.exit(), run.err());
      assertTrue(run.out().startsWith("Usage: rbac-audit " + command), run.out());
      assertEquals("", run.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"scan", "can-i"})
  void theErrorOfAMistypedCommandPointsAtAHelpThatWorks(String command) {
    CliRun wrong = CliRun.of(command, "--no-such-flag");
    assertEquals(2, wrong.exit());
    assertTrue(wrong.err().contains("Run 'rbac-audit " + command + " --help' for usage."), wrong.err());
    assertEquals(0, CliRun.of(command, "--help").exit());
  }
}

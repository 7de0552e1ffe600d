package io.rbacaudit.cli;

import io.rbacaudit.report.TerminalText;
import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --rules DIR} (repeatable): the user's rule folders, loaded beside the built-in rules. */
final class RuleFolderOptions {

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description = "A folder of your own rule folders (each with a rule.yaml and fixtures); repeatable.")
  List<Path> folders = new ArrayList<>();

  /**
   * The built-in rules plus those of these folders. Every problem in them goes to stderr, one line
   * each, and then fails the command.
   */
  static List<RuleSpec> load(List<Path> folders, PrintWriter err) {
    try {
      return RuleLoader.load(folders);
    } catch (RuleDefinitionException e) {
      for (String problem : e.problems()) {
        err.println("rbac-audit: " + TerminalText.safe(String.valueOf(problem)));
      }
      int n = e.problems().size();
      throw new UserException("the rules have " + n + (n == 1 ? " problem" : " problems") + " (above); fix "
          + (n == 1 ? "it" : "them") + " or leave out the --rules folder");
    }
  }
}

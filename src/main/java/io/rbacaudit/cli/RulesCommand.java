package io.rbacaudit.cli;

import io.rbacaudit.report.RuleCatalogText;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.RuleSuggestions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "rules",
    sortOptions = false,
    description = "The rule catalogue: every built-in rule, and yours with --rules. Without a subcommand: list.",
    subcommands = {RulesCommand.ListCommand.class, RulesCommand.ShowCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:error (a rule folder with problems, an unknown rule id)"})
final class RulesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin RuleFolderOptions folders;

  @Override
  public Integer call() {
    return list(spec, folders.folders);
  }

  static int list(CommandSpec spec, List<Path> folders) {
    List<RuleSpec> rules = RuleFolderOptions.load(folders, spec.commandLine().getErr());
    spec.commandLine().getOut().print(RuleCatalogText.list(rules));
    return ExitCode.OK.code();
  }

  /** Folders given before the subcommand ({@code rules --rules DIR show ID}) count too. */
  private static List<Path> both(RulesCommand parent, RuleFolderOptions own) {
    List<Path> all = new ArrayList<>(parent.folders.folders);
    all.addAll(own.folders);
    return all;
  }

  @Command(name = "list", description = "One line per rule: id, severity, title; grouped by category.")
  static final class ListCommand implements Callable<Integer> {
    @ParentCommand RulesCommand parent;
    @Spec CommandSpec spec;
    @Mixin RuleFolderOptions folders;

    @Override
    public Integer call() {
      return list(spec, both(parent, folders));
    }
  }

  @Command(name = "show", description = "Everything about one rule: metadata, references and template parameters.")
  static final class ShowCommand implements Callable<Integer> {
    @ParentCommand RulesCommand parent;
    @Spec CommandSpec spec;
    @Mixin RuleFolderOptions folders;

    @Parameters(index = "0", paramLabel = "ID", description = "A rule id (RBAC-201) or name (secrets-read).")
    String id;

    @Override
    public Integer call() {
      List<RuleSpec> rules = RuleFolderOptions.load(both(parent, folders), spec.commandLine().getErr());
      RuleSpec rule = find(rules, id);
      spec.commandLine().getOut().print(RuleCatalogText.show(rule));
      return ExitCode.OK.code();
    }

    /** By id, then by id in any case, then by name; otherwise a user error naming the closest ids. */
    static RuleSpec find(List<RuleSpec> rules, String id) {
      for (RuleSpec r : rules) {
        if (r.id().equals(id)) {
          return r;
        }
      }
      for (RuleSpec r : rules) {
        if (r.id().equalsIgnoreCase(id) || r.name().equals(id)) {
          return r;
        }
      }
      List<String> ids = rules.stream().map(RuleSpec::id).toList();
      throw new UserException("no rule " + id + RuleSuggestions.didYouMean(id, ids)
          + "; `rbac-audit rules list` shows them all");
    }
  }
}

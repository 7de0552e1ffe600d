package io.rbacaudit.cli;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.SubjectGrants;
import io.rbacaudit.report.OutputFormat;
import io.rbacaudit.report.QueryRenderer;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "who-can",
    sortOptions = false,
    description = {
      "Every User, Group and ServiceAccount that a binding allows to do something, with the binding, role and rule."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:error (the answer is still printed when the inputs had errors)"})
final class WhoCanCommand implements Callable<Integer> {

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Mixin RequestOptions requestOptions;
  @Mixin SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.TEXT;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Request request = requestOptions.parse(err).request();
    Inventory inventory = source.load(requestOptions.paths, root.stdin, err);
    List<SubjectGrants> subjects = source.authorizer(inventory).whoCan(request);
    spec.commandLine().getOut().print(QueryRenderer.whoCan(output, request, subjects, inventory.problems()));
    return SourceOptions.withLoadErrors(inventory, ExitCode.OK).code();
  }
}

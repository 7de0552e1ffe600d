package io.rbacaudit.cli;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Decision;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.UserInfo;
import io.rbacaudit.report.OutputFormat;
import io.rbacaudit.report.QueryRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(
    name = "can-i",
    sortOptions = false,
    description = {
      "Whether a user may do something, as `kubectl auth can-i --as` would answer on a cluster holding these manifests,",
      "and which binding, role and rule allow it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:allowed", "1:denied", "2:error (the answer is still printed when the inputs had errors)"})
final class CanICommand implements Callable<Integer> {

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Option(names = "--as", required = true, paramLabel = "USER", description = "User to ask for; system:serviceaccount:NS:NAME for a ServiceAccount.")
  String as;

  @Option(names = "--as-group", paramLabel = "G", description = "Group of the user (repeatable); replaces the ServiceAccount groups.")
  List<String> asGroups = new ArrayList<>();

  @Mixin RequestOptions requestOptions;
  @Mixin SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.TEXT;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Request request = requestOptions.parse(err).request();
    UserInfo user = Impersonation.of(as, asGroups);
    Inventory inventory = source.load(requestOptions.paths, root.stdin, err);
    Decision decision = source.authorizer(inventory).authorize(user, request);
    spec.commandLine().getOut().print(QueryRenderer.canI(output, user, request, decision, inventory.problems()));
    ExitCode answer = decision.allowed() ? ExitCode.OK : ExitCode.NEGATIVE;
    return SourceOptions.withLoadErrors(inventory, answer).code();
  }
}

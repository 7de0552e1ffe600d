package io.rbacaudit.cli;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.PermissionEntry;
import io.rbacaudit.rbac.UserInfo;
import io.rbacaudit.report.OutputFormat;
import io.rbacaudit.report.QueryRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "permissions",
    sortOptions = false,
    description = {
      "Everything a user may do, cluster-wide and per namespace, with the grant behind each rule:",
      "`kubectl auth can-i --list` for any user, group or ServiceAccount."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:error (the answer is still printed when the inputs had errors)"})
final class PermissionsCommand implements Callable<Integer> {

  private static final String SA_PREFIX = "system:serviceaccount:";

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Manifest files or folders; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Option(names = "--as", required = true, paramLabel = "USER", description = "User to list; system:serviceaccount:NS:NAME for a ServiceAccount.")
  String as;

  @Option(names = "--as-group", paramLabel = "G", description = "Group of the user (repeatable); replaces the ServiceAccount groups.")
  List<String> asGroups = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Only this namespace's RoleBindings (cluster-wide grants are always shown).")
  String namespace;

  @Mixin SourceOptions source;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.TEXT;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    if (namespace != null && namespace.isEmpty()) {
      throw new UserException("-n needs a namespace name; leave it out to list every namespace");
    }
    UserInfo user = Impersonation.of(as, asGroups);
    Inventory inventory = source.load(paths, root.stdin, err);
    List<PermissionEntry> entries = source.authorizer(inventory).permissions(user, namespace);
    spec.commandLine().getOut().print(
        QueryRenderer.permissions(output, subjectOf(as), user, entries, inventory.problems()));
    return SourceOptions.withLoadErrors(inventory, ExitCode.OK).code();
  }

  /** The user name as a subject: a ServiceAccount for well-formed service-account user names, else a User. */
  static Subject subjectOf(String user) {
    if (user.startsWith(SA_PREFIX)) {
      String[] parts = user.substring(SA_PREFIX.length()).split(":", -1);
      if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
        return Subject.serviceAccount(parts[0], parts[1]);
      }
    }
    return Subject.user(user);
  }
}

package io.rbacaudit.cli;

import java.io.InputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "rbac-audit",
    mixinStandardHelpOptions = true,
    // -h/--help (and -V) work after any subcommand too: its own errors say "Run 'rbac-audit scan --help'".
    scope = ScopeType.INHERIT,
    versionProvider = VersionCommand.Provider.class,
    description = "Audit Kubernetes RBAC: who can do what, and why.",
    subcommands = {
      ScanCommand.class,
      CanICommand.class,
      WhoCanCommand.class,
      PermissionsCommand.class,
      PathsCommand.class,
      GraphCommand.class,
      RulesCommand.class,
      DiffCommand.class,
      VersionCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success (can-i: allowed; scan: gate passed)", "1:can-i: denied; scan: findings at or above --fail-on",
      "2:error: bad input, bad flags"})
final class RootCommand implements Runnable {

  final InputStream stdin;
  /** The process environment (KUBECONFIG, KUBERNETES_SERVICE_HOST, ...); tests pass their own. */
  final java.util.Map<String, String> env;

  @Spec CommandSpec spec;

  RootCommand(InputStream stdin) {
    this(stdin, System.getenv());
  }

  RootCommand(InputStream stdin, java.util.Map<String, String> env) {
    this.stdin = stdin;
    this.env = env;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
    throw new UserException("missing command");
  }
}

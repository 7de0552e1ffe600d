package io.rbacaudit.cli;

import io.rbacaudit.report.TerminalText;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Builds the command line and runs one invocation; returns the process exit code. */
public final class Cli {

  private Cli() {}

  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, System.getenv());
  }

  /** With an explicit environment (KUBECONFIG, KUBERNETES_SERVICE_HOST/PORT), for tests. */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err,
      java.util.Map<String, String> env) {
    PrintWriter outWriter = new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter errWriter = new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    CommandLine cmd = new CommandLine(new RootCommand(in, env));
    cmd.setOut(outWriter);
    cmd.setErr(errWriter);
    cmd.setCaseInsensitiveEnumValuesAllowed(true);
    cmd.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          c.getErr().println("rbac-audit: " + TerminalText.safe(ex.getMessage()));
          c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
          return ExitCode.ERROR.code();
        });
    cmd.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof UserException) {
            // Messages quote arguments and file contents: never send their escape sequences raw to the terminal.
            c.getErr().println("rbac-audit: " + TerminalText.safe(ex.getMessage()));
          } else {
            c.getErr().println("rbac-audit: internal error: " + TerminalText.safe(String.valueOf(ex))
                + (debug ? "" : " (run with --debug for the stack trace, and please report it)"));
          }
          if (debug) {
            ex.printStackTrace(c.getErr());
          }
          return ExitCode.ERROR.code();
        });
    int code = cmd.execute(args);
    outWriter.flush();
    errWriter.flush();
    return code;
  }
}

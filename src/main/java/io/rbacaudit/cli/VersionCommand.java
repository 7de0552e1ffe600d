package io.rbacaudit.cli;

import io.rbacaudit.report.JsonShapes.VersionJson;
import io.rbacaudit.report.JsonWriter;
import io.rbacaudit.report.OutputFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "version", description = "Print the version of rbac-audit.")
final class VersionCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.TEXT;

  @Override
  public Integer call() {
    String java = System.getProperty("java.version");
    String text = output == OutputFormat.JSON
        ? JsonWriter.write(new VersionJson("rbac-audit", version(), java))
        : "rbac-audit " + version() + " (Java " + java + ")\n";
    spec.commandLine().getOut().print(text);
    return ExitCode.OK.code();
  }

  /** The project version, filtered into version.properties at build time. */
  static String version() {
    try (InputStream in = VersionCommand.class.getResourceAsStream("/io/rbacaudit/version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"rbac-audit " + version()};
    }
  }
}

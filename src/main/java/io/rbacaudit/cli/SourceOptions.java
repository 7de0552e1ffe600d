package io.rbacaudit.cli;

import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import io.rbacaudit.report.TerminalText;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** Where the inventory comes from (DESIGN.md section 5, SOURCE). Paths are each command's positional parameters. */
final class SourceOptions {

  @Option(
      names = "--default-namespace",
      paramLabel = "NS",
      description = "Namespace for namespaced objects that name none, as kubectl apply would use (default: ${DEFAULT-VALUE}).")
  String defaultNamespace = "default";

  @Option(
      names = "--defaults",
      paramLabel = "roles|all|none",
      description = "Kubernetes default objects to add: roles (default ClusterRoles and Roles, for resolution only), "
          + "all (also the default bindings), none (default: ${DEFAULT-VALUE}).")
  DefaultsMode defaults = DefaultsMode.ROLES;

  @Option(names = "--debug", description = "Print stack traces of internal errors.")
  boolean debug;

  @Option(
      names = "--max-file-size",
      paramLabel = "BYTES",
      description = "Larger files (and standard input) are reported and skipped unread (default: ${DEFAULT-VALUE}).")
  long maxFileSize = LoadOptions.DEFAULT_MAX_FILE_SIZE;

  @Option(
      names = "--max-objects",
      paramLabel = "N",
      description = "Loading stops with an error after this many objects (default: ${DEFAULT-VALUE}).")
  int maxObjects = LoadOptions.DEFAULT_MAX_OBJECTS;

  /** Loads the manifests, adds the defaults, and prints every problem on stderr, one line each. */
  Inventory load(List<String> paths, InputStream stdin, PrintWriter err) {
    if (paths == null || paths.isEmpty()) {
      throw new UserException("no input: give manifest files or folders, or '-' to read stdin");
    }
    if (maxFileSize <= 0 || maxObjects <= 0) {
      throw new UserException("--max-file-size and --max-objects must be positive");
    }
    LoadOptions options = new LoadOptions(defaultNamespace, maxFileSize, maxObjects);
    Inventory inventory = new ManifestLoader(options, stdin).load(paths);
    for (Problem p : inventory.problems().stream().sorted().toList()) {
      err.println(TerminalText.safe(p.toString())); // file names and quoted values come from input
    }
    return KubernetesDefaults.apply(inventory, defaults);
  }

  /** Exit 2 when loading met errors, so that a partial answer never passes as a clean one. */
  static ExitCode withLoadErrors(Inventory inventory, ExitCode answer) {
    return inventory.hasErrors() ? ExitCode.ERROR : answer;
  }
}

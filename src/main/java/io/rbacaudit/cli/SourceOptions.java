package io.rbacaudit.cli;

import io.rbacaudit.load.ClusterException;
import io.rbacaudit.load.ClusterLoader;
import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.load.Snapshot;
import io.rbacaudit.load.Source;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import io.rbacaudit.report.TerminalText;
import io.rbacaudit.rbac.AggregationMode;
import io.rbacaudit.rbac.Authorizer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where the inventory comes from (DESIGN.md section 5, SOURCE). Paths are each command's positional parameters. */
final class SourceOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--default-namespace",
      paramLabel = "NS",
      description = "Namespace for namespaced objects that name none, as kubectl apply would use (default: ${DEFAULT-VALUE}).")
  String defaultNamespace = "default";

  @Option(
      names = "--defaults",
      paramLabel = "roles|all|none",
      description = "Kubernetes default objects to add: roles (default ClusterRoles and Roles, for resolution only), "
          + "all (also the default bindings), none (default: roles). Ignored with --cluster and "
          + "--in-cluster: the cluster holds its own.")
  DefaultsMode defaults;

  @Option(names = "--cluster", description = "Read a live cluster through a kubeconfig instead of manifest files.")
  boolean cluster;

  @Option(names = "--kubeconfig", paramLabel = "FILE",
      description = "With --cluster: the kubeconfig to use (default: KUBECONFIG, merged as kubectl does, else ~/.kube/config).")
  String kubeconfig;

  @Option(names = "--context", paramLabel = "C",
      description = "With --cluster: the kubeconfig context to read (default: the current context).")
  List<String> contexts;

  @Option(names = "--in-cluster",
      description = "Read the cluster this pod runs in, with its mounted ServiceAccount token.")
  boolean inCluster;

  // Where --in-cluster finds token and ca.crt; hidden, for tests.
  @Option(names = "--in-cluster-dir", hidden = true, paramLabel = "DIR")
  String inClusterDir;

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

  private boolean fromCluster;
  private boolean partial;
  private Snapshot snapshot;

  /** Loads the manifests (adding the defaults) or the cluster, and prints every problem on stderr, one line each. */
  Inventory load(List<String> paths, InputStream stdin, PrintWriter err) {
    Source source = cluster || inCluster ? loadCluster(paths, err) : loadManifests(paths, stdin);
    fromCluster = source.fromCluster();
    partial = source.partial();
    snapshot = source.snapshot();
    Inventory inventory = source.inventory();
    for (Problem p : inventory.problems().stream().sorted().toList()) {
      err.println(TerminalText.safe(p.toString())); // file names and quoted values come from input
    }
    return fromCluster ? inventory : KubernetesDefaults.apply(inventory, defaults == null ? DefaultsMode.ROLES : defaults);
  }

  private Source loadManifests(List<String> paths, InputStream stdin) {
    if (paths == null || paths.isEmpty()) {
      throw new UserException("no input: give manifest files or folders, '-' to read stdin, or --cluster");
    }
    if (kubeconfig != null || contexts != null) {
      throw new UserException("--kubeconfig and --context need --cluster");
    }
    if (paths.size() == 1 && Snapshot.isSnapshot(java.nio.file.Path.of(paths.get(0)))) {
      // A saved cluster read: replayed as the live read was, stored aggregation and cluster locations included.
      try {
        return ClusterLoader.replay(Snapshot.read(java.nio.file.Path.of(paths.get(0))));
      } catch (ClusterException e) {
        throw new UserException(e.getMessage());
      }
    }
    if (maxFileSize <= 0 || maxObjects <= 0) {
      throw new UserException("--max-file-size and --max-objects must be positive");
    }
    LoadOptions options = new LoadOptions(defaultNamespace, maxFileSize, maxObjects);
    return Source.manifests(new ManifestLoader(options, stdin).load(paths));
  }

  private Source loadCluster(List<String> paths, PrintWriter err) {
    if (paths != null && !paths.isEmpty()) {
      throw new UserException("give either manifest PATHs or " + (cluster ? "--cluster" : "--in-cluster")
          + ", not both");
    }
    if (cluster && inCluster) {
      throw new UserException("give either --cluster or --in-cluster, not both");
    }
    if (inCluster && (kubeconfig != null || contexts != null)) {
      throw new UserException("--kubeconfig and --context go with --cluster, not --in-cluster");
    }
    if (contexts != null && contexts.size() > 1) {
      throw new UserException("one --context per run for now; run once per context");
    }
    if (defaults != null) {
      err.println("rbac-audit: --defaults is ignored with " + (cluster ? "--cluster" : "--in-cluster")
          + ": the cluster's own default roles and bindings are read");
    }
    Map<String, String> env = env();
    try {
      ClusterLoader loader = cluster
          ? ClusterLoader.kubeconfig(kubeconfig, contexts == null ? null : contexts.get(0), env)
          : ClusterLoader.inCluster(inClusterDir, env);
      return loader.load();
    } catch (ClusterException e) {
      throw new UserException(e.getMessage());
    }
  }

  private Map<String, String> env() {
    CommandSpec parent = mixee == null ? null : mixee.parent();
    if (parent != null && parent.userObject() instanceof RootCommand root) {
      return root.env;
    }
    return System.getenv();
  }

  /** Aggregated ClusterRoles: stored rules for a cluster, computed for manifests (DESIGN.md section 9). */
  Authorizer authorizer(Inventory inventory) {
    return new Authorizer(inventory, fromCluster ? AggregationMode.STORED : AggregationMode.COMPUTE);
  }

  /** True with --cluster or --in-cluster: the source is a live cluster. */
  boolean live() {
    return cluster || inCluster;
  }

  /** What the last cluster read collected (live or replayed), or null for manifests. */
  Snapshot snapshot() {
    return snapshot;
  }

  /** True when some list was forbidden: the inventory is a partial view of the cluster. */
  boolean partial() {
    return partial;
  }

  /** Exit 2 when loading met errors, so that a partial answer never passes as a clean one. */
  static ExitCode withLoadErrors(Inventory inventory, ExitCode answer) {
    return inventory.hasErrors() ? ExitCode.ERROR : answer;
  }
}

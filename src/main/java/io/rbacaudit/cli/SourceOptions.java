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
import io.rbacaudit.rbac.AggregationDrift;
import io.rbacaudit.rbac.AggregationMode;
import io.rbacaudit.rbac.Authorizer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
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
      description = "With --cluster: the kubeconfig context to read (default: the current context). scan takes it "
          + "more than once: each context is analysed on its own, one report with a section per cluster.")
  List<String> contexts;

  @Option(names = "--all-contexts",
      description = "With --cluster (scan only): read every context of the kubeconfig, each analysed on its own.")
  boolean allContexts;

  // Concurrent list calls per cluster; hidden, for the benchmark (bench/live.sh) to measure what they bring.
  @Option(names = "--list-concurrency", hidden = true, paramLabel = "N")
  int listConcurrency = ClusterLoader.PARALLEL_LISTS;

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
    if (multiCluster() && cluster) {
      throw new UserException("only scan reads several contexts (RBAC never crosses clusters): give one --context");
    }
    Source source = cluster || inCluster ? loadCluster(paths, err) : loadManifests(paths, stdin);
    fromCluster = source.fromCluster();
    partial = source.partial();
    snapshot = source.snapshot();
    Inventory inventory = fromCluster ? AggregationDrift.warn(source.inventory()) : source.inventory();
    print(inventory, err);
    return fromCluster ? inventory : KubernetesDefaults.apply(inventory, defaults == null ? DefaultsMode.ROLES : defaults);
  }

  private static void print(Inventory inventory, PrintWriter err) {
    for (Problem p : inventory.problems().stream().sorted().toList()) {
      err.println(TerminalText.safe(p.toString())); // file names and quoted values come from input
    }
  }

  /**
   * One context of a cluster scan: what was read (the inventory with its aggregation warnings), or why it could not
   * be read at all (one line naming the context).
   */
  record ClusterRead(String context, Source source, Inventory inventory, String failure) {
    boolean failed() {
      return failure != null;
    }

    /** The lists that could not be read (a replayed snapshot's are in its warnings). */
    List<String> unreadable() {
      return source == null ? List.of() : source.unreadable();
    }
  }

  /** True with --all-contexts or more than one --context: several clusters, each analysed on its own. */
  boolean multiCluster() {
    return allContexts || (contexts != null && contexts.size() > 1);
  }

  /**
   * The clusters of a scan, each read on its own and in the order given. With one context a failure is a user error
   * as for every command; with several, a failed context is reported and the others are still read.
   */
  List<ClusterRead> loadClusters(List<String> paths, PrintWriter err) {
    if (!multiCluster() || !cluster) {
      Inventory inventory = load(paths, InputStream.nullInputStream(), err);
      return List.of(new ClusterRead(snapshot.context(), new Source(inventory, true, snapshot.unreadable(), snapshot),
          inventory, null));
    }
    checkCluster(paths, err);
    if (allContexts && contexts != null) {
      throw new UserException("give --context or --all-contexts, not both");
    }
    Map<String, String> env = env();
    List<String> names;
    try {
      names = allContexts ? ClusterLoader.contexts(kubeconfig, env) : contexts.stream().distinct().toList();
    } catch (ClusterException e) {
      throw new UserException(e.getMessage());
    }
    fromCluster = true;
    List<ClusterRead> reads = new ArrayList<>();
    for (String name : names) {
      try {
        Source source = ClusterLoader.kubeconfig(kubeconfig, name, env).parallelLists(listConcurrency).load();
        Inventory inventory = AggregationDrift.warn(source.inventory());
        print(inventory, err);
        partial |= source.partial();
        reads.add(new ClusterRead(name, source, inventory, null));
      } catch (ClusterException e) {
        err.println("rbac-audit: " + TerminalText.safe(e.getMessage()) + " (the other contexts are still scanned)");
        partial = true;
        reads.add(new ClusterRead(name, null, Inventory.empty(), e.getMessage()));
      }
    }
    return reads;
  }

  private Source loadManifests(List<String> paths, InputStream stdin) {
    if (paths == null || paths.isEmpty()) {
      throw new UserException("no input: give manifest files or folders, '-' to read stdin, or --cluster");
    }
    if (kubeconfig != null || contexts != null) {
      throw new UserException("--kubeconfig and --context need --cluster");
    }
    if (allContexts) {
      throw new UserException("--all-contexts needs --cluster");
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
    checkCluster(paths, err);
    Map<String, String> env = env();
    try {
      ClusterLoader loader = cluster
          ? ClusterLoader.kubeconfig(kubeconfig, contexts == null ? null : contexts.get(0), env)
          : ClusterLoader.inCluster(inClusterDir, env);
      return loader.parallelLists(listConcurrency).load();
    } catch (ClusterException e) {
      throw new UserException(e.getMessage());
    }
  }

  private void checkCluster(List<String> paths, PrintWriter err) {
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
    if (inCluster && allContexts) {
      throw new UserException("--all-contexts goes with --cluster, not --in-cluster");
    }
    if (listConcurrency < 1) {
      throw new UserException("--list-concurrency must be at least 1");
    }
    if (defaults != null) {
      err.println("rbac-audit: --defaults is ignored with " + (cluster ? "--cluster" : "--in-cluster")
          + ": the cluster's own default roles and bindings are read");
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

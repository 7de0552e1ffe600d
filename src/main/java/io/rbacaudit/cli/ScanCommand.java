package io.rbacaudit.cli;

import io.rbacaudit.concurrent.Workers;
import io.rbacaudit.findings.Baseline;
import io.rbacaudit.findings.ClusterOutcome;
import io.rbacaudit.findings.ConfigFile;
import io.rbacaudit.findings.ConfigFileException;
import io.rbacaudit.findings.ExcludePreset;
import io.rbacaudit.findings.FailOn;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.findings.Triage;
import io.rbacaudit.findings.TriageSettings;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.Snapshot;
import io.rbacaudit.load.Source;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rbac.SubjectAccess;
import io.rbacaudit.report.HtmlReportRenderer;
import io.rbacaudit.report.JsonReportReader;
import io.rbacaudit.report.ReportFileException;
import io.rbacaudit.report.ReportRenderer;
import io.rbacaudit.report.Renderers;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleEngine;
import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSelection;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "scan",
    sortOptions = false,
    description = {
      "Audit RBAC with the rule catalogue: over-privileged subjects, risky roles, default-ServiceAccount and token",
      "misuse; a CI gate with suppressions and a baseline. `rbac-audit rules list` shows the rules."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no open finding at or above --fail-on",
      "1:open findings at or above --fail-on",
      "2:error: unreadable input, bad flags or config (reports are still written)"
    })
final class ScanCommand implements Callable<Integer> {

  @ParentCommand RootCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "PATH", description = "Manifest files or folders; - for stdin.")
  List<String> paths = new ArrayList<>();

  @Mixin SourceOptions source;

  @Option(names = "--rules", paramLabel = "DIR", description = "An extra folder of rules (repeatable).")
  List<Path> ruleFolders = new ArrayList<>();

  @Option(names = "--enable", paramLabel = "ID", description = "Run this rule even if the config disables it (repeatable).")
  List<String> enable = new ArrayList<>();

  @Option(names = "--disable", paramLabel = "ID", description = "Do not run this rule (repeatable).")
  List<String> disable = new ArrayList<>();

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (default: .rbac-audit.yaml in the working folder, when present).")
  Path config;

  @Option(names = "--fail-on", paramLabel = "critical|high|medium|low|info|never",
      description = "Exit 1 when an open finding is at least this severe (default: ${DEFAULT-VALUE}).")
  FailOn failOn = FailOn.HIGH;

  @Option(names = "--suppressions", paramLabel = "FILE", description = "A file of suppressions, shaped as in the config file.")
  Path suppressionsFile;

  @Option(names = "--baseline", paramLabel = "FILE", description = "An earlier JSON report: its findings do not fail the gate.")
  Path baseline;

  @Option(names = "--exclude-preset", paramLabel = "standard|none",
      description = "standard (default) skips unchanged Kubernetes defaults and control-plane identities; none keeps all.")
  ExcludePreset excludePreset;

  @Option(names = {"-o", "--output"}, paramLabel = "text|json|sarif|junit|html|markdown",
      description = "Format of the main report (default: ${DEFAULT-VALUE}).")
  String output = "text";

  @Option(names = "--output-file", paramLabel = "FILE", description = "Write the main report here instead of stdout.")
  Path outputFile;

  @Option(names = "--report", paramLabel = "FORMAT=FILE", description = "Also write a report in this format to FILE (repeatable).")
  Map<String, Path> reports = new LinkedHashMap<>();

  @Option(names = "--template-dir", paramLabel = "DIR",
      description = "HTML report templates here replace the bundled ones of the same name (see reports-templates/).")
  Path templateDir;

  @Option(names = "--allow-partial",
      description = "With --cluster or --in-cluster: pass the gate even when some lists were forbidden (default: exit 2).")
  boolean allowPartial;

  @Option(names = "--save-snapshot", paramLabel = "FILE",
      description = "With --cluster or --in-cluster: also save what was read (JSON, no Secret data); scan FILE audits "
          + "it later. With several contexts, one file each: FILE with the context name before the extension.")
  Path saveSnapshot;

  @Option(names = "--history", paramLabel = "DIR",
      description = "Keep this run's JSON report in DIR (timestamped name) and report what is new and what was "
          + "resolved since the previous run kept there. Nothing in DIR is ever deleted.")
  Path history;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    boolean color = outputFile == null && System.console() != null && System.getenv("NO_COLOR") == null;
    if (templateDir != null && !Files.isDirectory(templateDir)) {
      throw new UserException("--template-dir " + templateDir + " is not a folder: give the folder that holds scan.ftlh");
    }
    ReportRenderer main = renderer(Renderers.standard(color, templateDir), output);
    Renderers plain = Renderers.standard(false, templateDir);
    Map<Path, ReportRenderer> extra = new LinkedHashMap<>();
    reports.forEach((format, file) -> extra.put(file, renderer(plain, format)));

    ConfigFile cfg = readConfig();
    List<Suppression> suppressions = new ArrayList<>(cfg.suppressions());
    if (suppressionsFile != null) {
      suppressions.addAll(configProblems(() -> ConfigFile.readSuppressions(suppressionsFile)));
    }
    Baseline base = readBaseline();

    List<Path> folders = new ArrayList<>(cfg.ruleFolders());
    folders.addAll(ruleFolders);
    RuleEngine engine = engine(folders, cfg);

    if (saveSnapshot != null && !source.live()) {
      throw new UserException("--save-snapshot needs --cluster or --in-cluster");
    }
    HistoryFolder historyFolder = history == null ? null : HistoryFolder.open(history);
    TriageSettings settings = new TriageSettings(suppressions, base, preset(cfg), failOn);
    Triage triage = new Triage(new DefaultPolicy(KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings()),
        Clock.systemUTC(), "rbac-audit", VersionCommand.version());
    ScanResult result;
    List<SourceOptions.ClusterRead> reads = source.live() ? source.loadClusters(paths, err) : null;
    Inventory inventory = reads == null ? source.load(paths, root.stdin, err) : null;
    if (reads == null && source.snapshot() != null) {
      // A saved cluster read: its findings keep their cluster, as in the live scan.
      Snapshot snap = source.snapshot();
      reads = List.of(new SourceOptions.ClusterRead(snap.context(), new Source(inventory, true, snap.unreadable(), snap),
          inventory, null));
    }
    ScanContext single = null; // the one inventory's context, when there is one: the HTML subject view reads it
    if (reads != null) {
      saveSnapshots(reads);
      List<Triage.ClusterPart> parts = new ArrayList<>();
      for (SourceOptions.ClusterRead read : reads) {
        if (read.failed()) {
          parts.add(new Triage.ClusterPart(read.context(), List.of(), read.inventory(), List.of(), read.failure()));
          continue;
        }
        ScanContext context = context(read.inventory());
        single = reads.size() == 1 ? context : null;
        parts.add(new Triage.ClusterPart(read.context(), engine.run(context), read.inventory(), read.unreadable(), null));
      }
      result = triage.assessClusters(parts, engine.rules(), settings, source.multiCluster());
    } else {
      single = context(inventory);
      result = triage.assess(engine.run(single), engine.rules(), inventory, settings);
    }
    ScanResult done = historyFolder == null ? result : historyFolder.keep(result);
    // Only the HTML report shows who can do what, per identity of one cluster; the other formats are spared the work,
    // and do not wait for it: the first HTML writer computes it (once) while they write.
    ScanContext accessFrom = single;
    FutureTask<ScanResult> withAccess = new FutureTask<>(() -> accessFrom == null ? done
        : done.withAccess(SubjectAccess.of(accessFrom.authorizer(), accessFrom.resources(), done.identities())));

    List<Runnable> writes = new ArrayList<>();
    writes.add(() -> write(main, forRenderer(main, done, withAccess), outputFile));
    extra.forEach((file, renderer) -> writes.add(() -> write(renderer, forRenderer(renderer, done, withAccess), file)));
    Workers.runAll("report", writes);
    if (done.hasInputErrors()) {
      return ExitCode.ERROR.code();
    }
    if (source.partial() && !allowPartial) {
      // A partial view of a cluster must never pass as clean; the warnings above say what could not be read.
      err.println("rbac-audit: " + partialSummary(done) + " (see the warnings); exit 2. "
          + "Use --allow-partial to accept a partial scan");
      return ExitCode.ERROR.code();
    }
    return done.gate().failed() ? ExitCode.NEGATIVE.code() : ExitCode.OK.code();
  }

  private static ScanResult forRenderer(ReportRenderer renderer, ScanResult result, FutureTask<ScanResult> withAccess) {
    if (!(renderer instanceof HtmlReportRenderer)) {
      return result;
    }
    withAccess.run(); // does nothing if another HTML writer runs or ran it; then get() waits for that one
    return Workers.join(withAccess);
  }

  private ScanContext context(Inventory inventory) {
    return new ScanContext(inventory, source.authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
  }

  private ExcludePreset preset(ConfigFile cfg) {
    return excludePreset != null ? excludePreset
        : cfg.excludePreset() != null ? cfg.excludePreset() : ExcludePreset.STANDARD;
  }

  private static String partialSummary(ScanResult result) {
    if (result.clusters().size() <= 1) {
      return "the cluster could be read only in part";
    }
    long failed = result.clusters().stream().filter(c -> c.coverage() == ClusterOutcome.Coverage.FAILED).count();
    long partial = result.clusters().stream().filter(c -> c.coverage() == ClusterOutcome.Coverage.PARTIAL).count();
    List<String> parts = new ArrayList<>();
    if (failed > 0) {
      parts.add(failed + " of " + result.clusters().size() + " cluster contexts could not be read");
    }
    if (partial > 0) {
      parts.add(partial + " of " + result.clusters().size() + " could be read only in part");
    }
    return String.join(" and ", parts);
  }

  /** One file for one context; with several, the context name goes before the extension of each file. */
  private void saveSnapshots(List<SourceOptions.ClusterRead> reads) {
    if (saveSnapshot == null) {
      return;
    }
    for (SourceOptions.ClusterRead read : reads) {
      if (read.failed()) {
        continue;
      }
      Path file = reads.size() == 1 && !source.multiCluster() ? saveSnapshot : perContext(saveSnapshot, read.context());
      try {
        read.source().snapshot().write(file);
      } catch (IOException e) {
        throw new UserException(file + ": cannot write the snapshot (" + e.getMessage() + "); check the path");
      }
    }
  }

  private static Path perContext(Path file, String context) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String safe = context.replaceAll("[^A-Za-z0-9._-]", "_");
    String withContext = dot > 0 ? name.substring(0, dot) + "." + safe + name.substring(dot) : name + "." + safe;
    return file.resolveSibling(withContext);
  }

  private static ReportRenderer renderer(Renderers renderers, String format) {
    try {
      return renderers.get(format);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
  }

  private ConfigFile readConfig() {
    Path file = config != null ? config : ConfigFile.findDefault(Path.of("")).orElse(null);
    if (file == null) {
      return ConfigFile.NONE;
    }
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + ": config file not found; check --config");
    }
    return configProblems(() -> ConfigFile.read(file));
  }

  private <T> T configProblems(java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (ConfigFileException e) {
      throw new UserException(String.join("\n", e.lines()));
    }
  }

  private Baseline readBaseline() {
    if (baseline == null) {
      return Baseline.NONE;
    }
    try {
      return new Baseline(baseline.toString(), JsonReportReader.fingerprints(baseline));
    } catch (ReportFileException e) {
      throw new UserException(e.getMessage());
    }
  }

  private RuleEngine engine(List<Path> folders, ConfigFile cfg) {
    try {
      List<RuleSpec> rules = RuleLoader.load(folders);
      Set<String> enabled = new HashSet<>(cfg.enable());
      enabled.addAll(enable);
      RuleSelection selection = new RuleSelection(Set.copyOf(cfg.disable()), enabled, Set.copyOf(disable), cfg.severity());
      List<String> problems = new ArrayList<>(selection.problems(rules));
      for (Problem p : cfg.unknownRuleIds(rules.stream().map(RuleSpec::id).toList())) {
        problems.add(p.toString());
      }
      if (!problems.isEmpty()) {
        throw new UserException(String.join("\n", problems));
      }
      return new RuleEngine(rules, selection);
    } catch (RuleDefinitionException e) {
      throw new UserException("the rules cannot be used:\n" + String.join("\n", e.problems()));
    }
  }

  // Streamed, not rendered to a String first: at 100,000 objects the JSON report alone is ~200 MB (bench/RESULTS.md).
  private void write(ReportRenderer renderer, ScanResult result, Path file) {
    try {
      if (file == null) {
        renderer.write(result, spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return;
      }
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        renderer.write(result, out);
      }
    } catch (IOException e) {
      throw new UserException((file == null ? "standard output" : file) + ": cannot write the report (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the path and its permissions");
    }
  }
}

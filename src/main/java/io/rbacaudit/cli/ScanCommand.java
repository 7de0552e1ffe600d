package io.rbacaudit.cli;

import io.rbacaudit.findings.Baseline;
import io.rbacaudit.findings.ConfigFile;
import io.rbacaudit.findings.ConfigFileException;
import io.rbacaudit.findings.ExcludePreset;
import io.rbacaudit.findings.FailOn;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Suppression;
import io.rbacaudit.findings.Triage;
import io.rbacaudit.findings.TriageSettings;
import io.rbacaudit.load.KubernetesDefaults;
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
import io.rbacaudit.rules.Finding;
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
      description = "With --cluster or --in-cluster: also save what was read (JSON, no Secret data); scan FILE audits it later.")
  Path saveSnapshot;

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
    Inventory inventory = source.load(paths, root.stdin, err);
    if (saveSnapshot != null) {
      saveSnapshot(source.snapshot());
    }
    ScanContext context = new ScanContext(inventory, source.authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
    List<Finding> findings = engine.run(context);
    ExcludePreset preset = excludePreset != null ? excludePreset
        : cfg.excludePreset() != null ? cfg.excludePreset() : ExcludePreset.STANDARD;
    ScanResult assessed = new Triage(context.defaultPolicy(), Clock.systemUTC(), "rbac-audit", VersionCommand.version())
        .assess(findings, engine.rules(), inventory, new TriageSettings(suppressions, base, preset, failOn));
    // Only the HTML report shows who can do what; the other formats are spared the work.
    boolean html = main instanceof HtmlReportRenderer
        || extra.values().stream().anyMatch(HtmlReportRenderer.class::isInstance);
    ScanResult result = html
        ? assessed.withAccess(SubjectAccess.of(context.authorizer(), context.resources(), assessed.identities()))
        : assessed;

    write(main, result, outputFile);
    for (Map.Entry<Path, ReportRenderer> e : extra.entrySet()) {
      write(e.getValue(), result, e.getKey());
    }
    if (result.hasInputErrors()) {
      return ExitCode.ERROR.code();
    }
    if (source.partial() && !allowPartial) {
      // A partial view of a cluster must never pass as clean; the warnings above say what could not be read.
      err.println("rbac-audit: the cluster could be read only in part (see the warnings); exit 2. "
          + "Use --allow-partial to accept a partial scan");
      return ExitCode.ERROR.code();
    }
    return result.gate().failed() ? ExitCode.NEGATIVE.code() : ExitCode.OK.code();
  }

  private void saveSnapshot(io.rbacaudit.load.Snapshot snapshot) {
    try {
      snapshot.write(saveSnapshot);
    } catch (java.io.IOException e) {
      throw new UserException(saveSnapshot + ": cannot write the snapshot (" + e.getMessage() + "); check the path");
    }
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

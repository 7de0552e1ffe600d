package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.report.JsonShapes.RefJson;
import io.rbacaudit.report.SarifShapes.ArtifactLocation;
import io.rbacaudit.report.SarifShapes.Configuration;
import io.rbacaudit.report.SarifShapes.Driver;
import io.rbacaudit.report.SarifShapes.Help;
import io.rbacaudit.report.SarifShapes.Invocation;
import io.rbacaudit.report.SarifShapes.Message;
import io.rbacaudit.report.SarifShapes.Notification;
import io.rbacaudit.report.SarifShapes.PhysicalLocation;
import io.rbacaudit.report.SarifShapes.Region;
import io.rbacaudit.report.SarifShapes.ReportingDescriptor;
import io.rbacaudit.report.SarifShapes.Result;
import io.rbacaudit.report.SarifShapes.ResultProperties;
import io.rbacaudit.report.SarifShapes.RuleProperties;
import io.rbacaudit.report.SarifShapes.Run;
import io.rbacaudit.report.SarifShapes.RunProperties;
import io.rbacaudit.report.SarifShapes.SarifLog;
import io.rbacaudit.report.SarifShapes.Suppression;
import io.rbacaudit.report.SarifShapes.Tool;
import io.rbacaudit.report.ScanJsonShapes.ScanJson;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SARIF 2.1.0 for code-scanning annotations: one run, a rule descriptor per rule that ran, a result per finding
 * located at its manifest file and line (built-in roles live in no file and are never a location), the role rules as
 * related locations, and input problems as tool execution notifications.
 */
public final class SarifRenderer implements ReportRenderer {

  static final String FINGERPRINT_KEY = "rbacAuditFingerprint/v1";
  static final String SRCROOT = "%SRCROOT%";

  @Override
  public String render(ScanResult r) {
    return JsonWriter.write(log(r));
  }

  @Override
  public void write(ScanResult r, Writer out) throws IOException {
    JsonWriter.stream(log(r), out);
  }

  static SarifLog log(ScanResult r) {
    List<RuleSpec> rules = rules(r);
    Map<String, Integer> index = new LinkedHashMap<>();
    for (RuleSpec rule : rules) {
      index.put(rule.id(), index.size());
    }
    // SARIF: baselineState on one result means on all of them; present only when a baseline matched something.
    boolean baseline = r.findings().stream().anyMatch(rf -> rf.status() == Status.BASELINE);
    List<Result> results = LazyList.of(r.findings(), rf -> result(rf, index.get(rf.finding().ruleId()), baseline));
    ScanJson json = JsonReportRenderer.shape(r);
    // No informationUri: the project has no public home page yet.
    String name = r.toolName() == null ? "rbac-audit" : r.toolName();
    Driver driver = new Driver(name, r.toolVersion(), null, rules.stream().map(SarifRenderer::descriptor).toList());
    Invocation invocation = new Invocation(true, problems(r), r.notes().stream()
        .map(n -> new Notification("note", new Message(SarifText.message(n)), List.of())).toList());
    RunProperties properties = new RunProperties(json.summary(), json.statusCounts(), json.gate(), json.excludedByPreset());
    Run run = new Run(new Tool(driver), List.of(invocation), results, properties);
    return new SarifLog(SarifShapes.SCHEMA, SarifShapes.VERSION, List.of(run));
  }

  /** The rules that ran, by id, plus any a finding names that the list lacks (so every ruleIndex is valid). */
  private static List<RuleSpec> rules(ScanResult r) {
    Map<String, RuleSpec> byId = new TreeMap<>();
    r.rules().forEach(rule -> byId.putIfAbsent(rule.id(), rule));
    r.findings().forEach(rf -> byId.putIfAbsent(rf.finding().ruleId(), rf.finding().rule()));
    return List.copyOf(byId.values());
  }

  private static ReportingDescriptor descriptor(RuleSpec rule) {
    String title = rule.title() == null ? rule.id() : Wording.oneLine(rule.title());
    String description = rule.description() == null ? title : Wording.oneLine(rule.description());
    List<String> tags = new ArrayList<>(new LinkedHashSet<>(
        rule.category() == null ? List.of("security", "rbac") : List.of("security", "rbac", rule.category())));
    return new ReportingDescriptor(
        rule.id(),
        rule.name(),
        new Message(SarifText.message(title)),
        new Message(SarifText.message(description)),
        help(rule),
        helpUri(rule.references()),
        new Configuration(level(rule.severity())),
        new RuleProperties(rule.category(), tags, securitySeverity(rule.severity())));
  }

  private static Help help(RuleSpec rule) {
    String remediation = Wording.oneLine(rule.remediation());
    StringBuilder text = new StringBuilder(remediation);
    StringBuilder markdown = new StringBuilder(MarkdownText.inline(remediation));
    if (!rule.references().isEmpty()) {
      text.append("\n\nReferences:");
      markdown.append("\n\n**References**\n");
      for (String ref : rule.references()) {
        text.append("\n- ").append(ref);
        markdown.append("\n- ").append(MarkdownText.reference(ref));
      }
    }
    return new Help(SarifText.message(text.toString()), markdown.toString());
  }

  private static String helpUri(List<String> references) {
    for (String ref : references) {
      if (ref.matches("https?://\\S+")) {
        try {
          return java.net.URI.create(ref).toString();
        } catch (IllegalArgumentException notAUri) {
          // not usable as helpUri; try the next reference
        }
      }
    }
    return null;
  }

  private static Result result(ReportedFinding rf, int ruleIndex, boolean baseline) {
    Finding f = rf.finding();
    Location primary = primaryLocation(f);
    List<SarifShapes.Location> locations = new ArrayList<>();
    if (primary != null) {
      locations.add(new SarifShapes.Location(null, physical(primary), null));
    }
    List<Suppression> suppressions = rf.status() == Status.SUPPRESSED
        ? List.of(new Suppression("external", "accepted", SarifText.message(rf.suppression().reason())))
        : List.of();
    String baselineState = baseline ? (rf.status() == Status.BASELINE ? "unchanged" : "new") : null;
    return new Result(
        f.ruleId(),
        ruleIndex,
        level(f.severity()),
        new Message(SarifText.message(f.message())),
        locations,
        related(f, primary),
        Map.of(FINGERPRINT_KEY, rf.fingerprint()),
        suppressions,
        baselineState,
        new ResultProperties(f.severity().id(), rf.status().name().toLowerCase(java.util.Locale.ROOT),
            RefJson.of(f.subject()), f.namespace(), f.latent(), rf.cluster()));
  }

  /** Where to fix it; when that is a built-in role (no file), the first piece of evidence that has a file. */
  static Location primaryLocation(Finding f) {
    if (SarifText.inFile(f.location())) {
      return f.location();
    }
    for (Evidence e : f.evidence()) {
      if (SarifText.inFile(e.location())) {
        return e.location();
      }
    }
    return f.relatedLocations().stream().filter(SarifText::inFile).findFirst().orElse(null);
  }

  /** The role rules and evidence objects that have a file, each once, described by the evidence written there. */
  private static List<SarifShapes.Location> related(Finding f, Location primary) {
    Set<Location> places = new LinkedHashSet<>(f.relatedLocations());
    f.evidence().forEach(e -> places.add(e.location()));
    List<SarifShapes.Location> out = new ArrayList<>();
    for (Location l : places) {
      if (!SarifText.inFile(l) || l.equals(primary)) {
        continue;
      }
      out.add(new SarifShapes.Location(out.size() + 1, physical(l), new Message(SarifText.message(describe(f, l)))));
    }
    return out;
  }

  /** The first evidence written at {@code l}, in words (a loop: this runs for every related place of every result). */
  private static String describe(Finding f, Location l) {
    for (Evidence e : f.evidence()) {
      if (l.equals(e.location())) {
        return Wording.evidence(e);
      }
    }
    return "related to this finding";
  }

  private static List<Notification> problems(ScanResult r) {
    List<Notification> out = new ArrayList<>();
    for (Problem p : Wording.sortedProblems(r)) {
      List<SarifShapes.Location> where = SarifText.inFile(p.location())
          ? List.of(new SarifShapes.Location(null, physical(p.location()), null))
          : List.of();
      String text = SarifText.inFile(p.location()) ? p.message() : p.location() + ": " + p.message();
      out.add(new Notification(p.isError() ? "error" : "warning", new Message(SarifText.message(text)), where));
    }
    return out;
  }

  private static PhysicalLocation physical(Location l) {
    String uri = SarifText.uri(l.file());
    ArtifactLocation artifact = new ArtifactLocation(uri, SarifText.isAbsolute(l.file()) ? null : SRCROOT);
    Region region = l.line() > 0 ? new Region(l.line(), l.column() > 0 ? l.column() : null) : null;
    return new PhysicalLocation(artifact, region);
  }

  static String level(Severity s) {
    return switch (s) {
      case CRITICAL, HIGH -> "error";
      case MEDIUM -> "warning";
      case LOW, INFO -> "note";
    };
  }

  static String securitySeverity(Severity s) {
    return switch (s) {
      case CRITICAL -> "9.5";
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case INFO -> "0.0";
    };
  }
}

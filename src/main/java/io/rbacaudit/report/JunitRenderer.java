package io.rbacaudit.report;

import io.rbacaudit.findings.ReportedFinding;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.findings.Status;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML for CI test views: one test case per rule that ran, failing (once, listing every finding) when it has
 * open findings at or above the gate threshold; findings below it, suppressed and baseline ones go to the test
 * case's output. Input problems are one more test case, in error when an input could not be read.
 */
public final class JunitRenderer implements ReportRenderer {

  /** JUnit's timestamp: ISO 8601 without a zone (the time is UTC). */
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  @Override
  public String render(ScanResult r) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
      write(new XmlOut(xml), r);
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML", e);
    }
    return out.toString();
  }

  private record Case(RuleSpec rule, List<ReportedFinding> failing, List<ReportedFinding> others) {}

  private static void write(XmlOut x, ScanResult r) throws XMLStreamException {
    List<Case> cases = cases(r);
    List<Problem> problems = Wording.sortedProblems(r);
    boolean inputErrors = r.hasInputErrors();
    int failures = (int) cases.stream().filter(c -> !c.failing().isEmpty()).count();
    x.xml().writeStartDocument("UTF-8", "1.0");
    x.text("\n");
    x.start("testsuite", "name", "rbac-audit",
        "tests", String.valueOf(cases.size() + (problems.isEmpty() ? 0 : 1)),
        "failures", String.valueOf(failures),
        "errors", inputErrors ? "1" : "0",
        "skipped", "0",
        "time", "0",
        "timestamp", r.generatedAt() == null ? null
            : TIMESTAMP.format(r.generatedAt().atOffset(ZoneOffset.UTC)));
    x.text("\n  ");
    properties(x, r);
    for (Case c : cases) {
      x.text("\n  ");
      testCase(x, c, r.gate().failOn());
    }
    if (!problems.isEmpty()) {
      x.text("\n  ");
      inputs(x, problems);
    }
    x.text("\n  ");
    List<String> out = new ArrayList<>(List.of(Wording.totals(r) + " \u2014 " + Wording.gate(r.gate())));
    r.notes().forEach(n -> out.add("note: " + Wording.oneLine(n)));
    x.element("system-out", String.join("\n", out.stream().map(XmlOut::clean).toList()));
    x.text("\n");
    x.end();
    x.text("\n");
    x.xml().writeEndDocument();
  }

  private static void properties(XmlOut x, ScanResult r) throws XMLStreamException {
    x.start("properties");
    Map<String, String> p = new TreeMap<>();
    p.put("tool.version", String.valueOf(r.toolVersion()));
    p.put("failOn", r.gate().failOn() == null ? "never" : r.gate().failOn().id());
    p.put("gate", r.gate().failOn() == null ? "off" : r.gate().failed() ? "failed" : "passed");
    p.put("excludedByPreset", String.valueOf(Wording.excluded(r)));
    for (Map.Entry<String, String> e : p.entrySet()) {
      x.text("\n    ");
      x.empty("property", "name", e.getKey(), "value", e.getValue());
    }
    x.text("\n  ");
    x.end();
  }

  /** Rules by id; each finding either fails its rule's case or is listed in its output. */
  private static List<Case> cases(ScanResult r) {
    Map<String, RuleSpec> rules = new TreeMap<>();
    r.rules().forEach(rule -> rules.putIfAbsent(rule.id(), rule));
    r.findings().forEach(rf -> rules.putIfAbsent(rf.finding().ruleId(), rf.finding().rule()));
    Severity failOn = r.gate().failOn();
    List<Case> cases = new ArrayList<>();
    for (RuleSpec rule : rules.values()) {
      List<ReportedFinding> failing = new ArrayList<>();
      List<ReportedFinding> others = new ArrayList<>();
      for (ReportedFinding rf : r.findings()) {
        if (rf.finding().ruleId().equals(rule.id())) {
          boolean fails = rf.status() == Status.OPEN && failOn != null && rf.finding().severity().atLeast(failOn);
          (fails ? failing : others).add(rf);
        }
      }
      cases.add(new Case(rule, failing, others));
    }
    return cases;
  }

  private static void testCase(XmlOut x, Case c, Severity failOn) throws XMLStreamException {
    RuleSpec rule = c.rule();
    String category = rule.category() == null ? "rules" : rule.category();
    x.start("testcase", "classname", "rbac-audit." + category,
        "name", rule.id() + (rule.name() == null ? "" : " " + rule.name()), "time", "0");
    if (!c.failing().isEmpty()) {
      Severity worst = c.failing().stream().map(rf -> rf.finding().severity()).min(Enum::compareTo).orElseThrow();
      String first = Wording.oneLine(c.failing().get(0).finding().message());
      String message = c.failing().size() == 1 ? first : first + " (and " + (c.failing().size() - 1) + " more)";
      x.text("\n    ");
      x.element("failure", describe(c.failing()), "message", message, "type", worst.id());
    }
    if (!c.others().isEmpty()) {
      x.text("\n    ");
      String intro = failOn == null ? "" : "Not failing at --fail-on " + failOn.id() + ":\n";
      x.element("system-out", intro + describe(c.others()));
    }
    if (!c.failing().isEmpty() || !c.others().isEmpty()) {
      x.text("\n  ");
    }
    x.end();
  }

  private static void inputs(XmlOut x, List<Problem> problems) throws XMLStreamException {
    x.start("testcase", "classname", "rbac-audit.inputs", "name", "input files", "time", "0");
    List<String> errors = problems.stream().filter(Problem::isError).map(p -> XmlOut.clean(p.toString())).toList();
    List<String> warnings = problems.stream().filter(p -> !p.isError()).map(p -> XmlOut.clean(p.toString())).toList();
    if (!errors.isEmpty()) {
      x.text("\n    ");
      x.element("error", String.join("\n", errors),
          "message", Wording.plural(errors.size(), "input error") + ": the scan skipped what could not be read",
          "type", "input");
    }
    if (!warnings.isEmpty()) {
      x.text("\n    ");
      x.element("system-out", String.join("\n", warnings));
    }
    x.text("\n  ");
    x.end();
  }

  /** One paragraph per finding: status and severity, subject and scope, message, location, evidence. */
  private static String describe(List<ReportedFinding> findings) {
    List<String> blocks = new ArrayList<>();
    for (ReportedFinding rf : findings) {
      Finding f = rf.finding();
      String mark = rf.status() == Status.OPEN ? "" : rf.status().name().toLowerCase(java.util.Locale.ROOT) + ", ";
      StringBuilder sb = new StringBuilder("[").append(mark).append(f.severity().id()).append("] ")
          .append(rf.cluster() == null ? "" : "cluster " + XmlOut.clean(rf.cluster()) + ": ")
          .append(XmlOut.clean(Wording.subject(f.subject()))).append(" (").append(XmlOut.clean(Wording.scope(f)))
          .append(f.latent() ? ", latent" : "").append("): ").append(XmlOut.clean(Wording.oneLine(f.message())));
      if (rf.suppression() != null) {
        sb.append("\n    suppressed: ").append(XmlOut.clean(Wording.oneLine(rf.suppression().reason())));
      }
      if (f.location() != null) {
        sb.append("\n    at ").append(XmlOut.clean(f.location().toString()));
      }
      for (Evidence e : f.evidence()) {
        sb.append("\n    because ").append(XmlOut.clean(Wording.evidence(e)));
      }
      blocks.add(sb.toString());
    }
    return String.join("\n", blocks);
  }
}

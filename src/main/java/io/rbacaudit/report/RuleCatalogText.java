package io.rbacaudit.report;

import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;

/** {@code rules list} and {@code rules show ID} for a terminal. Rule text may come from users: made safe to print. */
public final class RuleCatalogText {

  private static final int WIDTH = 100;
  private static final String INDENT = "  ";

  private RuleCatalogText() {}

  /** One line per rule (id, severity, title), grouped by category in catalogue order, and a closing hint. */
  public static String list(List<RuleSpec> rules) {
    List<RuleSpec> sorted = rules.stream().sorted(RuleLoader.CATALOGUE_ORDER).toList();
    int idWidth = sorted.stream().mapToInt(r -> r.id().length()).max().orElse(0);
    int severityWidth = sorted.stream().mapToInt(r -> severities(r).length()).max().orElse(0);
    StringBuilder out = new StringBuilder();
    String category = null;
    for (RuleSpec r : sorted) {
      if (!r.category().equals(category)) {
        category = r.category();
        out.append(out.length() == 0 ? "" : "\n").append(safe(category)).append('\n');
      }
      out.append(INDENT).append(pad(safe(r.id()), idWidth)).append("  ").append(pad(severities(r), severityWidth))
          .append("  ").append(safe(r.title())).append('\n');
    }
    out.append('\n').append(sorted.size()).append(sorted.size() == 1 ? " rule" : " rules")
        .append(". Severity high/critical: high, critical when granted cluster-wide. "
            + "Details: rbac-audit rules show ID\n");
    return out.toString();
  }

  /** Every field of one rule, and its template parameters as YAML. */
  public static String show(RuleSpec r) {
    StringBuilder out = new StringBuilder();
    out.append(safe(r.id())).append("  ").append(safe(r.name())).append('\n');
    out.append(safe(r.title())).append("\n\n");
    out.append(field("Severity", severityText(r)));
    out.append(field("Category", safe(r.category())));
    out.append(field("Template", safe(r.template())));
    out.append(field("Defined in", safe(r.origin())));
    out.append("\nDescription\n").append(wrap(safe(r.description())));
    out.append("\nRemediation\n").append(wrap(safe(r.remediation())));
    out.append("\nReferences\n");
    for (String ref : r.references()) {
      out.append(INDENT).append("- ").append(safe(ref)).append('\n');
    }
    out.append("\nParameters\n");
    for (String line : ParamsText.yaml(r.params()).split("\n")) {
      out.append(INDENT).append(safe(line)).append('\n');
    }
    return out.toString();
  }

  /** {@code high}, or {@code high/critical} when cluster-wide grants raise it. */
  static String severities(RuleSpec r) {
    return r.clusterWideSeverity() == null || r.clusterWideSeverity() == r.severity()
        ? r.severity().id()
        : r.severity().id() + "/" + r.clusterWideSeverity().id();
  }

  /** {@code high (critical when granted cluster-wide)}. */
  static String severityText(RuleSpec r) {
    return r.clusterWideSeverity() == null || r.clusterWideSeverity() == r.severity()
        ? r.severity().id()
        : r.severity().id() + " (" + r.clusterWideSeverity().id() + " when granted cluster-wide)";
  }

  private static String field(String name, String value) {
    return pad(name + ":", 12) + value + "\n";
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** Words wrapped at {@value #WIDTH} columns, indented. */
  static String wrap(String text) {
    StringBuilder out = new StringBuilder();
    List<String> line = new ArrayList<>();
    int length = INDENT.length();
    for (String word : text.strip().split("\\s+")) {
      if (!line.isEmpty() && length + 1 + word.length() > WIDTH) {
        out.append(INDENT).append(String.join(" ", line)).append('\n');
        line.clear();
        length = INDENT.length();
      }
      length += (line.isEmpty() ? 0 : 1) + word.length();
      line.add(word);
    }
    if (!line.isEmpty()) {
      out.append(INDENT).append(String.join(" ", line)).append('\n');
    }
    return out.toString();
  }

  private static String safe(String s) {
    return TerminalText.safe(s);
  }
}

package io.rbacaudit.report;

import io.rbacaudit.rules.RuleLoader;
import io.rbacaudit.rules.RuleSpec;
import java.util.List;
import java.util.Locale;

/**
 * docs/rules.md, generated from the rules themselves (STYLE.md, "Rules"): a catalogue table, then one section per
 * rule with its metadata and template parameters. RulesDocTest keeps the file current.
 */
public final class RulesDoc {

  /** How to regenerate the file; the header says it and the test repeats it when the file is stale. */
  public static final String REGENERATE = "mvn -q test -Dtest=RulesDocTest -Drules.doc.update=true";

  private RulesDoc() {}

  public static String markdown(List<RuleSpec> rules) {
    List<RuleSpec> sorted = rules.stream().sorted(RuleLoader.CATALOGUE_ORDER).toList();
    StringBuilder out = new StringBuilder();
    out.append("# Rule catalogue\n\n");
    out.append("<!-- Generated from rules/ by io.rbacaudit.report.RulesDoc; do not edit. Regenerate with: ")
        .append(REGENERATE).append(" -->\n\n");
    out.append(sorted.size()).append(" rules. Each lives in `rules/<category>/<ID>-<name>/` with its `rule.yaml` and ")
        .append("its fixtures: `fail.*.yaml` manifests it must flag and `pass.*.yaml` near-misses it must leave alone. ")
        .append("`rbac-audit rules show ID` prints the same information. Severity `high/critical` means high, ")
        .append("critical when the grant is cluster-wide (a ClusterRoleBinding). Latent findings (roles nothing binds ")
        .append("yet) are reported one step below the rule's severity.\n\n");
    out.append("| id | name | severity | category | title |\n| --- | --- | --- | --- | --- |\n");
    for (RuleSpec r : sorted) {
      out.append("| [").append(r.id()).append("](#").append(anchor(r)).append(") | ").append(cell(r.name()))
          .append(" | ").append(RuleCatalogText.severities(r)).append(" | ").append(cell(r.category()))
          .append(" | ").append(cell(r.title())).append(" |\n");
    }
    String category = null;
    for (RuleSpec r : sorted) {
      if (!r.category().equals(category)) {
        category = r.category();
        out.append("\n## ").append(category).append('\n');
      }
      section(r, out);
    }
    return out.toString();
  }

  private static void section(RuleSpec r, StringBuilder out) {
    out.append("\n### ").append(r.id()).append(' ').append(r.name()).append("\n\n");
    out.append("**").append(text(r.title())).append("**\n\n");
    out.append("Severity: ").append(RuleCatalogText.severityText(r)).append(" · Template: `").append(r.template())
        .append("`\n\n");
    out.append(text(r.description())).append("\n\n");
    out.append("**Remediation.** ").append(text(r.remediation())).append("\n\n");
    out.append("**References**\n\n");
    for (String ref : r.references()) {
      out.append("- ").append(ref.startsWith("https://") ? "<" + ref + ">" : text(ref)).append('\n');
    }
    out.append("\n**Parameters**\n\n```yaml\n").append(ParamsText.yaml(r.params())).append("```\n");
  }

  /** GitHub's heading anchor for {@code ### RBAC-201 secrets-read}. */
  static String anchor(RuleSpec r) {
    return (r.id() + " " + r.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }

  private static String text(String s) {
    return s.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cell(String s) {
    return text(s).replace("|", "\\|");
  }
}

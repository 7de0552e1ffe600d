package io.rbacaudit.rules;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule as declared in its {@code rule.yaml} (DESIGN.md section 6): metadata, and the Java template it names with
 * its parameters. {@code clusterWideSeverity} (optional) replaces {@code severity} when the grant is cluster-wide.
 * {@code origin} is the rule file, for messages.
 */
public record RuleSpec(
    String id,
    String name,
    String title,
    Severity severity,
    Severity clusterWideSeverity,
    String category,
    String description,
    String remediation,
    List<String> references,
    String template,
    Map<String, Object> params,
    String origin) {

  public RuleSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(template, "template");
    references = List.copyOf(references);
    params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
  }

  /** The severity of a finding, raised for cluster-wide grants where the rule says so. */
  public Severity severityFor(boolean clusterWide) {
    return clusterWide && clusterWideSeverity != null ? clusterWideSeverity : severity;
  }

  /**
   * The rule at a severity the user chose (config {@code severity:}): it applies to every finding of the rule,
   * cluster-wide ones included, since a user who lowers a rule means all of it.
   */
  public RuleSpec withSeverity(Severity s) {
    return new RuleSpec(id, name, title, s, null, category, description, remediation, references, template, params,
        origin);
  }
}

package io.rbacaudit.findings;

import io.rbacaudit.model.Location;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One suppression from the config file (DESIGN.md section 8): a rule id or {@code *}, optional subject selectors
 * (any of kind, namespace, name) and scope, a required reason, and an optional expiry date.
 */
public record Suppression(
    String rule,
    String subjectKind,
    String subjectNamespace,
    String subjectName,
    String namespace,
    String reason,
    LocalDate expires,
    Location location) {
  public Suppression {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }
}

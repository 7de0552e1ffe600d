package io.rbacaudit.findings;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Finding;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One suppression from the config file (DESIGN.md section 8): a rule id or {@code *}, optional subject selectors
 * (any of kind, namespace, name) and scope, a required reason, and an optional expiry date.
 *
 * @param subjectKind compared case-insensitively ({@code serviceaccount} and {@code sa} name ServiceAccounts)
 * @param namespace the finding's scope (the namespace of the grant), when given
 * @param expires the last day it suppresses; null for never
 * @param location where it is written, for notes
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

  public static final String ANY_RULE = "*";

  public Suppression {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether it selects this finding, expired or not: each given selector must hold. */
  public boolean matches(Finding finding) {
    ObjectRef s = finding.subject();
    return (rule.equals(ANY_RULE) || rule.equals(finding.ruleId()))
        && (subjectKind == null || normalKind(subjectKind).equals(normalKind(s.kind())))
        && (subjectNamespace == null || subjectNamespace.equals(s.namespace()))
        && (subjectName == null || subjectName.equals(s.name()))
        && (namespace == null || namespace.equals(finding.namespace()));
  }

  /** An expiry date before {@code today}: it stops suppressing (the expiry day itself still counts). */
  public boolean expiredOn(LocalDate today) {
    return expires != null && expires.isBefore(today);
  }

  /** {@code RBAC-101 ServiceAccount flux-system/kustomize-controller in namespace flux-system}, for notes. */
  public String describe() {
    StringBuilder sb = new StringBuilder(rule.equals(ANY_RULE) ? "every rule" : rule);
    if (subjectKind != null || subjectNamespace != null || subjectName != null) {
      sb.append(' ').append(subjectKind == null ? "any kind" : subjectKind).append(' ');
      if (subjectNamespace != null) {
        sb.append(subjectNamespace).append('/');
      }
      sb.append(subjectName == null ? "*" : subjectName);
    }
    if (namespace != null) {
      sb.append(" in namespace ").append(namespace);
    }
    return sb.toString();
  }

  /** {@code .rbac-audit.yaml:12}, or "a suppression" when built without a location. */
  public String origin() {
    return location == null ? "a suppression" : location.toString();
  }

  static String normalKind(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    return k.equals("sa") ? "serviceaccount" : k;
  }
}

package io.rbacaudit.findings;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.util.List;
import java.util.Map;

/** Findings built directly, as the rule engine would hand them over. */
final class TestFindings {

  private TestFindings() {}

  static RuleSpec rule(String id, Severity severity) {
    return new RuleSpec(id, "rule-" + id.toLowerCase(java.util.Locale.ROOT), "Title of " + id, severity, null,
        "bindings", "Why it matters.", "What to change.", List.of(), "permission", Map.of(),
        "rules/bindings/" + id + "/rule.yaml");
  }

  static ObjectRef sa(String namespace, String name) {
    return new ObjectRef("ServiceAccount", name, namespace);
  }

  static ObjectRef user(String name) {
    return new ObjectRef("User", name, null);
  }

  static Finding finding(String ruleId, Severity severity, ObjectRef subject, String scope, String key) {
    return finding(ruleId, severity, subject, scope, key, Location.file("manifests/rbac.yaml", 10), List.of(), false);
  }

  static Finding finding(String ruleId, Severity severity, ObjectRef subject, String scope, String key,
      Location location, List<Evidence> evidence, boolean defaultPolicy) {
    return new Finding(rule(ruleId, severity), severity, subject + " holds " + key + " in " + scope, subject, scope,
        key, location, List.of(), evidence, List.of(), false, defaultPolicy);
  }

  static Suppression suppression(String rule, String kind, String subjectNamespace, String name, String namespace) {
    return new Suppression(rule, kind, subjectNamespace, name, namespace, "accepted for the test", null,
        Location.file(".rbac-audit.yaml", 12));
  }
}

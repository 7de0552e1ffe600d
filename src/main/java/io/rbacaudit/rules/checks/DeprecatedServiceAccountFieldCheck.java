package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PodSpec;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code deprecated-sa-field}: a pod spec that sets the deprecated {@code serviceAccount} field. When
 * {@code serviceAccountName} is also set and differs, {@code serviceAccountName} wins and a reader of the manifest
 * may believe the pod runs as the other one: raised to {@code conflictSeverity}.
 *
 * <p>Params: {@code conflictSeverity} (default low).
 */
public final class DeprecatedServiceAccountFieldCheck implements Template {

  @Override
  public String name() {
    return "deprecated-sa-field";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    Severity conflict = p.severity("conflictSeverity", Severity.LOW);
    p.finish();
    return context -> run(spec, conflict, context);
  }

  private static List<Finding> run(RuleSpec spec, Severity conflict, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      PodSpec pod = w.pod();
      String old = pod.deprecatedServiceAccount();
      if (old == null || old.isEmpty()) {
        continue;
      }
      String current = pod.serviceAccountName();
      boolean conflicting = current != null && !current.isEmpty() && !current.equals(old);
      Severity severity = conflicting && !spec.severity().atLeast(conflict) ? conflict : spec.severity();
      out.add(FindingBuilder.of(spec, w.ref())
          .severity(severity)
          .namespace(w.namespace())
          .location(w.meta().location())
          .message(RuleText.workload(w) + " sets the deprecated serviceAccount field (" + old + ")"
              + (conflicting ? " and serviceAccountName " + current + ", which wins: the pod runs as " + current
                  : "")
              + ". Use serviceAccountName only.")
          .build());
    }
    return out;
  }
}

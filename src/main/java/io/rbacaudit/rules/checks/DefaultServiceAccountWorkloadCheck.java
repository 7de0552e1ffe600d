package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
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
 * Template {@code default-sa-workload}: a workload that runs as its namespace's {@code default} ServiceAccount (no
 * {@code serviceAccountName}, or naming {@code default}) and gets that ServiceAccount's token ({@link TokenExposure}:
 * automounted, projected, or a token Secret of {@code default}). Raised when {@code default} holds any permission
 * beyond the Kubernetes defaults ({@link ServiceAccountGrants}).
 *
 * <p>Params: {@code serviceAccounts} (default {@code [default]}), {@code permittedSeverity} (default medium).
 */
public final class DefaultServiceAccountWorkloadCheck implements Template {

  @Override
  public String name() {
    return "default-sa-workload";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> names = p.strings("serviceAccounts", List.of("default"));
    Severity permitted = p.severity("permittedSeverity", Severity.MEDIUM);
    p.finish();
    return context -> run(spec, names, permitted, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> names, Severity permitted, ScanContext context) {
    TokenSecrets secrets = new TokenSecrets(context.inventory());
    ServiceAccountGrants grants = ServiceAccountGrants.of(context);
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      String sa = w.pod().effectiveServiceAccountName();
      if (!names.contains(sa)) {
        continue;
      }
      TokenExposure exposure = TokenExposure.of(w, context, secrets);
      if (!exposure.ownTokenMounted()) {
        continue;
      }
      boolean hasPermissions = grants.hasPermissions(w.namespace(), sa);
      Severity severity = hasPermissions && !spec.severity().atLeast(permitted) ? permitted : spec.severity();
      ObjectRef account = new ObjectRef("ServiceAccount", sa, w.namespace());
      out.add(FindingBuilder.of(spec, w.ref())
          .severity(severity)
          .namespace(w.namespace())
          .key(w.ref() + " as " + account)
          .location(w.meta().location())
          .object(account, context.serviceAccount(w.namespace(), sa).map(a -> a.meta().location()).orElse(null),
              hasPermissions ? "holds permissions beyond the Kubernetes defaults" : "holds no extra permissions")
          .message(RuleText.workload(w) + " runs as " + RuleText.serviceAccount(w.namespace(), sa) + " with its"
              + " token mounted (" + exposure.describeOwn() + ")"
              + (hasPermissions ? ", and that ServiceAccount holds permissions: every pod without its own"
                  + " ServiceAccount shares them" : "")
              + ". Give the workload a ServiceAccount of its own, and set automountServiceAccountToken: false"
              + " where it does not call the API.")
          .build());
    }
    return out;
  }
}

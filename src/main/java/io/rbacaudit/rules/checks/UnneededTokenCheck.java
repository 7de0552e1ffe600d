package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Template {@code unneeded-token}: a workload whose containers get the automounted token ({@link TokenExposure}, pod
 * setting first) although its ServiceAccount holds no permission beyond what every ServiceAccount gets from the
 * Kubernetes defaults ({@link ServiceAccountGrants}). Only ServiceAccounts whose bindings the scan can see are
 * judged: those defined in the inputs, and {@code default}; for any other the inputs are likely partial (RBAC-608
 * reports a missing one). Nor is one whose name a binding names where it cannot match (no namespace, or a namespace
 * without that ServiceAccount): the namespace was probably left to apply time. An explicitly projected token is not reported: someone asked for it (often for another
 * audience).
 *
 * <p>Params: none.
 */
public final class UnneededTokenCheck implements Template {

  @Override
  public String name() {
    return "unneeded-token";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    p.finish();
    return context -> run(spec, context);
  }

  private static List<Finding> run(RuleSpec spec, ScanContext context) {
    TokenSecrets secrets = new TokenSecrets(context.inventory());
    ServiceAccountGrants grants = ServiceAccountGrants.of(context);
    Set<String> boundElsewhere = namesBoundElsewhere(context);
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      String sa = w.pod().effectiveServiceAccountName();
      boolean judged = sa.equals("default")
          || (context.serviceAccount(w.namespace(), sa).isPresent() && !boundElsewhere.contains(sa));
      if (!judged || grants.hasPermissions(w.namespace(), sa)) {
        continue;
      }
      TokenExposure exposure = TokenExposure.of(w, context, secrets);
      if (!exposure.automounted()) {
        continue;
      }
      ObjectRef account = new ObjectRef("ServiceAccount", sa, w.namespace());
      String where = whyMounted(w, context);
      out.add(FindingBuilder.of(spec, w.ref())
          .namespace(w.namespace())
          .key(w.ref() + " as " + account)
          .location(w.meta().location())
          .object(account, context.serviceAccount(w.namespace(), sa).map(a -> a.meta().location()).orElse(null),
              "holds no permissions beyond the Kubernetes defaults")
          .message(RuleText.workload(w) + " gets the token of " + RuleText.serviceAccount(w.namespace(), sa)
              + " mounted (" + where + "), yet that ServiceAccount holds no permissions beyond the Kubernetes"
              + " defaults. Set automountServiceAccountToken: false in the pod spec: there is then no token to steal,"
              + " and a later grant to the ServiceAccount does not silently reach this pod.")
          .build());
    }
    return out;
  }

  /**
   * ServiceAccount names that a binding names without a namespace in a ClusterRoleBinding, or in a namespace that
   * defines no such ServiceAccount: manifests meant for {@code kubectl apply -n NS} (or a kustomize namespace) often
   * leave the namespace to apply time, so the grant may well be the workload's.
   */
  private static Set<String> namesBoundElsewhere(ScanContext context) {
    Set<String> out = new HashSet<>();
    for (Binding b : context.inventory().bindings()) {
      for (Subject s : b.subjects()) {
        if (s.kind() != SubjectKind.SERVICE_ACCOUNT) {
          continue;
        }
        String ns = s.namespace() != null ? s.namespace() : b.namespace();
        if (ns == null || context.serviceAccount(ns, s.name()).isEmpty()) {
          out.add(s.name());
        }
      }
    }
    return out;
  }

  /** Which setting decided that the token is mounted (pod first, then ServiceAccount, then Kubernetes' default). */
  private static String whyMounted(Workload w, ScanContext context) {
    if (w.pod().automountServiceAccountToken() != null) {
      return "the pod sets automountServiceAccountToken: true";
    }
    Boolean account = context.serviceAccount(w.namespace(), w.pod().effectiveServiceAccountName())
        .map(a -> a.automountServiceAccountToken()).orElse(null);
    return account != null ? "the ServiceAccount sets automountServiceAccountToken: true"
        : "neither the pod nor the ServiceAccount sets automountServiceAccountToken";
  }
}

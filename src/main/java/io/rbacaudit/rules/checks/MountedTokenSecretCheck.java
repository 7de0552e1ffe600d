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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Template {@code mounted-token-secret}: a workload that reads a ServiceAccount token Secret by name, through a
 * secret volume, a projected secret source or env ({@link TokenExposure}, {@link TokenSecrets}: a token-type Secret
 * in the inputs, or a name like {@code default-token-x7k2p} when the Secret is not in the inputs). One finding per
 * workload, every such Secret as evidence; raised when a token's ServiceAccount holds permissions beyond the
 * Kubernetes defaults.
 *
 * <p>Params: {@code raisedSeverity} (default high).
 */
public final class MountedTokenSecretCheck implements Template {

  @Override
  public String name() {
    return "mounted-token-secret";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    Severity raised = p.severity("raisedSeverity", Severity.HIGH);
    p.finish();
    return context -> run(spec, raised, context);
  }

  private static List<Finding> run(RuleSpec spec, Severity raised, ScanContext context) {
    TokenSecrets secrets = new TokenSecrets(context.inventory());
    ServiceAccountGrants grants = ServiceAccountGrants.of(context);
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      List<TokenExposure.Source> mounted = TokenExposure.of(w, context, secrets).tokenSecrets();
      if (mounted.isEmpty()) {
        continue;
      }
      FindingBuilder f = FindingBuilder.of(spec, w.ref()).namespace(w.namespace()).location(w.meta().location());
      Set<String> names = new LinkedHashSet<>();
      List<String> how = new ArrayList<>();
      boolean permitted = false;
      for (TokenExposure.Source s : mounted) {
        names.add(s.via());
        String owner = s.serviceAccount();
        boolean ownerPermitted = owner != null && grants.hasPermissions(w.namespace(), owner);
        permitted |= ownerPermitted;
        how.add(s.describe() + (owner == null ? "" : " (a token of " + RuleText.serviceAccount(w.namespace(), owner)
            + (ownerPermitted ? ", which holds permissions" : "") + ")"));
        ObjectRef secret = new ObjectRef("Secret", s.via(), w.namespace());
        f.object(secret, context.secret(w.namespace(), s.via()).map(x -> x.meta().location()).orElse(null),
            s.way().text());
      }
      Severity severity = permitted && !spec.severity().atLeast(raised) ? raised : spec.severity();
      out.add(f.severity(severity)
          .key(w.ref() + " reads " + String.join(",", names))
          .message(RuleText.workload(w) + " reads a long-lived ServiceAccount token: " + String.join("; ", how)
              + ". Such a token never expires and survives the pod. Remove the reference and use the projected"
              + " token Kubernetes mounts (or a projected serviceAccountToken volume) instead.")
          .build());
    }
    return out;
  }
}

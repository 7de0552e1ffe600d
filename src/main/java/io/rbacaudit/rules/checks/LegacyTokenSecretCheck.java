package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Secret;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code legacy-token-secret}: a Secret of type {@code kubernetes.io/service-account-token}: a token that
 * never expires, readable by anyone who can read Secrets in its namespace. Raised when it belongs to one of the
 * {@code raiseFor} ServiceAccounts ({@code default}: every pod's identity) or to a ServiceAccount holding permissions
 * beyond the Kubernetes defaults. Subject: the Secret. The owner comes from the
 * {@code kubernetes.io/service-account.name} annotation (else the generated name's prefix).
 *
 * <p>Params: {@code raisedSeverity} (default high), {@code raiseFor} (default {@code [default]}).
 */
public final class LegacyTokenSecretCheck implements Template {

  @Override
  public String name() {
    return "legacy-token-secret";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    Severity raised = p.severity("raisedSeverity", Severity.HIGH);
    List<String> raiseFor = p.strings("raiseFor", List.of("default"));
    p.finish();
    return context -> run(spec, raised, raiseFor, context);
  }

  private static List<Finding> run(RuleSpec spec, Severity raised, List<String> raiseFor, ScanContext context) {
    ServiceAccountGrants grants = ServiceAccountGrants.of(context);
    List<Finding> out = new ArrayList<>();
    for (Secret s : context.inventory().secrets()) {
      if (!s.isServiceAccountToken()) {
        continue;
      }
      String owner = TokenSecrets.owner(s);
      boolean permitted = owner != null && grants.hasPermissions(s.namespace(), owner);
      boolean raise = owner != null && (raiseFor.contains(owner) || permitted);
      Severity severity = raise && !spec.severity().atLeast(raised) ? raised : spec.severity();
      ObjectRef subject = new ObjectRef("Secret", s.name(), s.namespace());
      FindingBuilder f = FindingBuilder.of(spec, subject)
          .severity(severity)
          .namespace(s.namespace())
          .location(s.meta().location());
      String whose;
      if (owner == null) {
        whose = "for no named ServiceAccount (the " + Secret.SERVICE_ACCOUNT_NAME_ANNOTATION + " annotation is"
            + " missing)";
      } else {
        ObjectRef account = new ObjectRef("ServiceAccount", owner, s.namespace());
        f.object(account, context.serviceAccount(s.namespace(), owner).map(a -> a.meta().location()).orElse(null),
            permitted ? "holds permissions beyond the Kubernetes defaults" : "owner of the token")
            .workloads(context.workloadsRunningAs(s.namespace(), owner));
        whose = "for " + RuleText.serviceAccount(s.namespace(), owner)
            + (owner.equals("default") ? " (the identity of every pod in the namespace that names none)" : "")
            + (permitted ? ", which holds permissions beyond the Kubernetes defaults" : "");
      }
      out.add(f.message("Secret " + s.namespace() + "/" + s.name() + " is a long-lived ServiceAccount token " + whose
              + ". It never expires and anyone who can read Secrets in " + s.namespace() + " can use it. Delete it;"
              + " use short-lived tokens (projected volumes, or kubectl create token) instead.")
          .build());
    }
    return out;
  }
}

package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Workload;
import io.rbacaudit.model.WorkloadKind;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Template {@code privileged-sa-workload} (derived: runs after every other check and reads their findings): a
 * workload of one of the listed kinds that runs, with its token mounted ({@link TokenExposure}), as a ServiceAccount
 * that holds a finding at or above {@code minSeverity}. The workload is where the token can be stolen. Severity: the
 * worst of those findings. Default policy when every one of them is.
 *
 * <p>Params: {@code workloadKinds} (kinds such as {@code DaemonSet}; default every kind), {@code minSeverity}
 * (default high).
 */
public final class PrivilegedServiceAccountCheck implements Template {

  @Override
  public String name() {
    return "privileged-sa-workload";
  }

  @Override
  public boolean derived() {
    return true;
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> kindNames = p.strings("workloadKinds", List.of());
    List<WorkloadKind> kinds = new ArrayList<>();
    for (String k : kindNames) {
      WorkloadKind.fromKube(k).ifPresentOrElse(kinds::add,
          () -> p.problem("workloadKinds", "unknown workload kind '" + k + "' (Pod, Deployment, DaemonSet, ...)"));
    }
    Severity min = p.severity("minSeverity", Severity.HIGH);
    p.finish();
    return context -> run(spec, kinds, min, context);
  }

  private static List<Finding> run(RuleSpec spec, List<WorkloadKind> kinds, Severity min, ScanContext context) {
    Map<ObjectRef, List<Finding>> byAccount = new HashMap<>();
    for (Finding f : context.priorFindings()) {
      ObjectRef account = account(f.subject());
      if (account != null && f.severity().atLeast(min) && !f.latent()) {
        byAccount.computeIfAbsent(account, k -> new ArrayList<>()).add(f);
      }
    }
    if (byAccount.isEmpty()) {
      return List.of();
    }
    TokenSecrets secrets = new TokenSecrets(context.inventory());
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      if (!kinds.isEmpty() && !kinds.contains(w.kind())) {
        continue;
      }
      String sa = w.pod().effectiveServiceAccountName();
      ObjectRef account = new ObjectRef("ServiceAccount", sa, w.namespace());
      List<Finding> held = byAccount.get(account);
      if (held == null) {
        continue;
      }
      TokenExposure exposure = TokenExposure.of(w, context, secrets);
      if (exposure.ownTokenMounted()) {
        out.add(finding(spec, w, account, held, exposure, context));
      }
    }
    return out;
  }

  /** The ServiceAccount a finding is about: a ServiceAccount subject, or a User named system:serviceaccount:NS:NAME. */
  private static ObjectRef account(ObjectRef subject) {
    if (subject.kind().equals("ServiceAccount")) {
      return subject;
    }
    if (subject.kind().equals("User")) {
      return Impersonation.serviceAccountOf(subject.name())
          .map(sa -> new ObjectRef("ServiceAccount", sa.name(), sa.namespace())).orElse(null);
    }
    return null;
  }

  private static Finding finding(RuleSpec spec, Workload w, ObjectRef account, List<Finding> held,
      TokenExposure exposure, ScanContext context) {
    Severity worst = Severity.INFO;
    TreeSet<String> rules = new TreeSet<>();
    boolean allDefault = true;
    for (Finding f : held) {
      worst = f.severity().atLeast(worst) ? f.severity() : worst;
      rules.add(f.ruleId() + " (" + f.severity() + ")");
      allDefault &= f.defaultPolicy();
    }
    String where = w.kind() == WorkloadKind.DAEMON_SET
        ? " Its pods run on every node, so compromising any node yields these permissions."
        : " Whoever compromises one of its containers gets these permissions.";
    return FindingBuilder.of(spec, w.ref())
        .severity(worst)
        .namespace(w.namespace())
        .key(w.ref() + " as " + account)
        .location(w.meta().location())
        .object(account, context.serviceAccount(w.namespace(), account.name()).map(a -> a.meta().location())
            .orElse(null), "holds " + String.join(", ", rules))
        .defaultPolicy(allDefault)
        .message(RuleText.workload(w) + " runs as " + RuleText.serviceAccount(w.namespace(), account.name())
            + " with its token mounted (" + exposure.describeOwn() + "), and that ServiceAccount holds "
            + String.join(", ", rules) + "." + where + " Reduce the ServiceAccount's permissions, or move what"
            + " needs them out of this workload.")
        .build();
  }
}

package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code missing-sa}: a workload naming a ServiceAccount (other than {@code default}, which every namespace
 * has) that the inputs do not define, in a namespace where they define others. The pod cannot start until someone
 * creates it, and whoever does chooses what it is bound to.
 *
 * <p>Params: {@code alwaysPresent} (default {@code [default]}).
 */
public final class MissingServiceAccountCheck implements Template {

  @Override
  public String name() {
    return "missing-sa";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> always = p.strings("alwaysPresent", List.of("default"));
    p.finish();
    return context -> run(spec, always, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> always, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (Workload w : context.inventory().workloads()) {
      String sa = w.pod().effectiveServiceAccountName();
      if (always.contains(sa) || !context.serviceAccountMissing(w.namespace(), sa)) {
        continue;
      }
      ObjectRef account = new ObjectRef("ServiceAccount", sa, w.namespace());
      out.add(FindingBuilder.of(spec, w.ref())
          .namespace(w.namespace())
          .key(w.ref() + " as " + account)
          .location(w.meta().location())
          .object(account, null, "not defined, although the inputs define other ServiceAccounts in " + w.namespace())
          .message(RuleText.workload(w) + " runs as " + RuleText.serviceAccount(w.namespace(), sa) + ", which the"
              + " inputs do not define although they define other ServiceAccounts in " + w.namespace() + ". Its pods"
              + " cannot start until someone creates it, and whoever does decides its permissions: add the"
              + " ServiceAccount to these manifests, or fix the name.")
          .build());
    }
    return out;
  }
}

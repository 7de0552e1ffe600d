package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code sa-automount}: a ServiceAccount defined in the inputs, with one of the listed names, that does not
 * set {@code automountServiceAccountToken: false}, so every pod using it gets a token unless the pod opts out.
 * ServiceAccounts the inputs do not define are never invented.
 *
 * <p>Params: {@code serviceAccounts} (default {@code [default]}).
 */
public final class ServiceAccountAutomountCheck implements Template {

  @Override
  public String name() {
    return "sa-automount";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> names = p.strings("serviceAccounts", List.of("default"));
    p.finish();
    return context -> run(spec, names, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> names, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (ServiceAccount sa : context.inventory().serviceAccounts()) {
      if (!names.contains(sa.name()) || Boolean.FALSE.equals(sa.automountServiceAccountToken())) {
        continue;
      }
      String setting = sa.automountServiceAccountToken() == null ? "does not set automountServiceAccountToken"
          : "sets automountServiceAccountToken: true";
      out.add(FindingBuilder.of(spec, new io.rbacaudit.model.ObjectRef("ServiceAccount", sa.name(), sa.namespace()))
          .namespace(sa.namespace())
          .location(sa.meta().location())
          .workloads(context.workloadsRunningAs(sa.namespace(), sa.name()))
          .message(RuleText.serviceAccount(sa.namespace(), sa.name()) + " " + setting + ", so every pod in "
              + sa.namespace() + " that names no ServiceAccount gets its token mounted. Set"
              + " automountServiceAccountToken: false on it; pods that need a token use their own ServiceAccount.")
          .build());
    }
    return out;
  }
}

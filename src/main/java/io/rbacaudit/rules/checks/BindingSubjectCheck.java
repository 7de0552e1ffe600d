package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code binding-subject}: a binding that names one of the listed users or groups. One finding per binding
 * (subject: the binding). The unchanged default {@code cluster-admin} binding (to {@code system:masters}) is marked
 * as default policy, so the standard exclude preset skips it.
 *
 * <p>Params: {@code groups}, {@code users} (exact names; at least one entry in all).
 */
public final class BindingSubjectCheck implements Template {

  @Override
  public String name() {
    return "binding-subject";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> groups = p.strings("groups", List.of());
    List<String> users = p.strings("users", List.of());
    if (groups.isEmpty() && users.isEmpty()) {
      p.problem("groups", "name at least one group or user");
    }
    p.finish();
    return context -> run(spec, groups, users, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> groups, List<String> users, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (Binding b : context.inventory().bindings()) {
      List<String> named = new ArrayList<>();
      for (Subject s : b.subjects()) {
        boolean hit = switch (s.kind()) {
          case GROUP -> groups.contains(s.name());
          case USER -> users.contains(s.name());
          case SERVICE_ACCOUNT -> false;
        };
        if (hit && !named.contains(s.toString())) {
          named.add(s.toString());
        }
      }
      if (named.isEmpty()) {
        continue;
      }
      String what = b.kind().kubeName() + " " + RuleText.name(b.namespace(), b.name());
      out.add(FindingBuilder.of(spec, b.ref())
          .namespace(b.namespace())
          .key(b.ref() + " " + String.join(",", named))
          .location(b.meta().location())
          .object(b.ref(), b.meta().location(), "names " + String.join(", ", named))
          .defaultPolicy(context.defaultPolicy().isUnchangedDefault(b))
          .message(what + " names " + String.join(", ", named) + " (roleRef " + b.roleRef().kind() + " "
              + b.roleRef().name() + "). Members of system:masters bypass RBAC authorization altogether and cannot"
              + " be revoked short of rotating the certificates that carry the group: bind a named group to the"
              + " role it needs instead, and keep system:masters for break-glass access only.")
          .build());
    }
    return out;
  }
}

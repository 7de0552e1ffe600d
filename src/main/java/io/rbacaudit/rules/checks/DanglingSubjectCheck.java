package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code dangling-subject}: a binding naming a ServiceAccount that does not exist, in a namespace whose
 * ServiceAccounts the inputs define (otherwise a missing one cannot be told from one that is simply elsewhere).
 * Whoever can create ServiceAccounts there (the default {@code edit} role can) creates one of that name and
 * inherits the binding. {@code default} always exists (every namespace has one) and is never reported. One finding
 * per binding, listing every missing ServiceAccount.
 *
 * <p>Params: {@code alwaysPresent} (ServiceAccount names every namespace has; default {@code [default]}).
 */
public final class DanglingSubjectCheck implements Template {

  @Override
  public String name() {
    return "dangling-subject";
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
    for (ResolvedBinding rb : context.authorizer().bindings()) {
      List<Subject> missing = new ArrayList<>();
      for (Subject s : rb.subjects()) {
        if (s.kind() == SubjectKind.SERVICE_ACCOUNT && !always.contains(s.name())
            && context.serviceAccountMissing(s.namespace(), s.name()) && !missing.contains(s)) {
          missing.add(s);
        }
      }
      if (missing.isEmpty()) {
        continue;
      }
      Binding b = rb.binding();
      List<String> names = missing.stream().map(Subject::toString).toList();
      FindingBuilder f = FindingBuilder.of(spec, b.ref())
          .namespace(b.namespace())
          .key(b.ref() + " " + String.join(",", names))
          .location(b.meta().location())
          .defaultPolicy(context.defaultPolicy().isUnchangedDefault(b));
      for (Subject s : missing) {
        f.object(new io.rbacaudit.model.ObjectRef("ServiceAccount", s.name(), s.namespace()), null,
            "not defined, although the inputs define other ServiceAccounts in " + s.namespace());
      }
      out.add(f.message(b.kind().kubeName() + " " + RuleText.name(b.namespace(), b.name()) + " ("
              + b.roleRef().kind() + " " + b.roleRef().name() + ") names " + String.join(", ", names)
              + ", which the inputs do not define although they define other ServiceAccounts there. Whoever"
              + " creates a ServiceAccount of that name inherits this binding: remove the subject, or define the"
              + " ServiceAccount it was meant for.")
          .build());
    }
    return out;
  }
}

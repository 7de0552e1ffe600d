package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * Template {@code dangling-role-ref}: a binding whose roleRef resolves to nothing (the role is in neither the inputs
 * nor the built-in defaults; a ClusterRoleBinding naming a Role; an unknown roleRef kind). It grants nothing today,
 * but whoever later creates a role of that name grants it to the binding's subjects at once. Bindings without
 * subjects are skipped: they grant nothing either way.
 *
 * <p>Params: {@code raiseForGroups} (groups, or prefixes ending in {@code *}, whose presence among the subjects
 * raises the severity), {@code raisedSeverity} (default high).
 */
public final class DanglingRoleRefCheck implements Template {

  @Override
  public String name() {
    return "dangling-role-ref";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> broad = p.strings("raiseForGroups", List.of());
    Severity raised = p.severity("raisedSeverity", Severity.HIGH);
    p.finish();
    return context -> run(spec, broad, raised, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> broad, Severity raised, ScanContext context) {
    List<Finding> out = new ArrayList<>();
    for (ResolvedBinding rb : context.authorizer().bindings()) {
      Binding b = rb.binding();
      if (!rb.roleMissing() || b.subjects().isEmpty() || shipped(context, b)) {
        continue;
      }
      List<String> broadSubjects = b.subjects().stream()
          .filter(s -> s.kind() == SubjectKind.GROUP && matchesAny(broad, s.name()))
          .map(Subject::toString)
          .toList();
      Severity severity = broadSubjects.isEmpty() || spec.severity().atLeast(raised) ? spec.severity() : raised;
      String what = b.kind().kubeName() + " " + RuleText.name(b.namespace(), b.name());
      out.add(FindingBuilder.of(spec, b.ref())
          .severity(severity)
          .namespace(b.namespace())
          .key(b.ref() + " -> " + b.roleRef().kind() + "/" + b.roleRef().name())
          .location(b.meta().location())
          .object(b.ref(), b.meta().location(), "roleRef " + b.roleRef().kind() + " " + b.roleRef().name())
          .defaultPolicy(context.defaultPolicy().isUnchangedDefault(b))
          .message(what + " refers to " + why(b) + "; it grants nothing now, but whoever creates that role later"
              + " grants its rules to " + RuleText.join(b.subjects().stream().map(Subject::toString).toList(), ", ")
              + (broadSubjects.isEmpty() ? "" : " (" + String.join(", ", broadSubjects) + " is everyone of that kind)")
              + ". Delete the binding, or create the intended role alongside it.")
          .build());
    }
    return out;
  }

  private static String why(Binding b) {
    String kind = b.roleRef().kind();
    String name = b.roleRef().name();
    if (kind.equals("Role") && b.kind() == BindingKind.CLUSTER_ROLE_BINDING) {
      return "Role " + name + ", which a ClusterRoleBinding can never use (it has no namespace to find it in;"
          + " the API server rejects it)";
    }
    if (!kind.equals("Role") && !kind.equals("ClusterRole")) {
      return "a roleRef of kind '" + kind + "' (only Role and ClusterRole exist, case-sensitive)";
    }
    return kind + " " + (kind.equals("Role") ? b.namespace() + "/" : "") + name
        + ", which is in neither the inputs nor the Kubernetes defaults";
  }

  /** With {@code --defaults none} the built-ins are not loaded, yet every cluster has them. */
  private static boolean shipped(ScanContext context, Binding b) {
    String kind = b.roleRef().kind();
    String ns = kind.equals("Role") ? b.namespace() : null;
    if (kind.equals("Role") && b.kind() == BindingKind.CLUSTER_ROLE_BINDING) {
      return false;
    }
    return context.shippedDefaultRoles().stream().anyMatch(r -> r.kind().kubeName().equals(kind)
        && r.name().equals(b.roleRef().name()) && java.util.Objects.equals(r.namespace(), ns));
  }

  private static boolean matchesAny(List<String> patterns, String name) {
    for (String p : patterns) {
      if (p.endsWith("*") ? name.startsWith(p.substring(0, p.length() - 1)) : p.equals(name)) {
        return true;
      }
    }
    return false;
  }
}

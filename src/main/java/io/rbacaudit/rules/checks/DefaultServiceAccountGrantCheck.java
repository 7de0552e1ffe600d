package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Template {@code default-sa-grant}: a namespace's {@code default} ServiceAccount granted permissions by a binding
 * that names it directly (as a ServiceAccount subject, or as the user {@code system:serviceaccount:NS:default}).
 * Grants through groups ({@code system:serviceaccounts:NS}...) are RBAC-104's. The ServiceAccount need not be in the
 * inputs: every namespace has one. One finding per (ServiceAccount, scope); raised when the grants include a
 * permission the catalogue rates high or critical ({@link RiskyPermissions}).
 *
 * <p>Params: {@code serviceAccounts} (names; default {@code [default]}), {@code riskySeverity} (default high).
 */
public final class DefaultServiceAccountGrantCheck implements Template {

  @Override
  public String name() {
    return "default-sa-grant";
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    List<String> names = p.strings("serviceAccounts", List.of("default"));
    Severity risky = p.severity("riskySeverity", Severity.HIGH);
    p.finish();
    return context -> run(spec, names, risky, context);
  }

  private static List<Finding> run(RuleSpec spec, List<String> names, Severity risky, ScanContext context) {
    Set<Subject> accounts = new LinkedHashSet<>();
    for (ResolvedBinding b : context.authorizer().bindings()) {
      for (Subject s : b.subjects()) {
        if (s.kind() == SubjectKind.SERVICE_ACCOUNT && names.contains(s.name())) {
          accounts.add(s);
        } else if (s.kind() == SubjectKind.USER) {
          Impersonation.serviceAccountOf(s.name()).filter(sa -> names.contains(sa.name()))
              .ifPresent(sa -> accounts.add(Subject.serviceAccount(sa.namespace(), sa.name())));
        }
      }
    }
    ServiceAccountGrants grants = ServiceAccountGrants.of(context);
    List<Finding> out = new ArrayList<>();
    for (Subject sa : accounts) {
      Map<String, List<ServiceAccountGrants.Held>> byScope = new LinkedHashMap<>();
      for (ServiceAccountGrants.Held h : grants.direct(sa.namespace(), sa.name())) {
        byScope.computeIfAbsent(Objects.requireNonNullElse(h.scope(), ""), k -> new ArrayList<>()).add(h);
      }
      byScope.forEach((scope, held) -> out.add(finding(spec, sa, scope.isEmpty() ? null : scope, held, risky,
          context)));
    }
    return out;
  }

  private static Finding finding(RuleSpec spec, Subject sa, String scope, List<ServiceAccountGrants.Held> held,
      Severity risky, ScanContext context) {
    ObjectRef subject = new ObjectRef("ServiceAccount", sa.name(), sa.namespace());
    List<String> dangerous = RiskyPermissions.of(held);
    Severity severity = dangerous.isEmpty() || spec.severity().atLeast(risky) ? spec.severity() : risky;
    List<Grant> sorted = new ArrayList<>(held.stream().map(ServiceAccountGrants.Held::grant).toList());
    sorted.sort(Grant.ORDER);
    Set<String> via = new LinkedHashSet<>();
    List<PolicyRule> rules = new ArrayList<>();
    FindingBuilder f = FindingBuilder.of(spec, subject)
        .severity(severity)
        .namespace(scope)
        .key(subject + "@" + Objects.requireNonNullElse(scope, "-"))
        .workloads(context.workloadsRunningAs(sa.namespace(), sa.name()));
    for (Grant g : sorted) {
      via.add(RuleText.grant(g));
      rules.add(g.policyRule());
      f.evidence(new Evidence.GrantEvidence(g)).related(g.location());
    }
    context.binding(sorted.get(0).binding()).ifPresent(b -> f.location(b.meta().location()));
    context.serviceAccount(sa.namespace(), sa.name())
        .ifPresent(a -> f.object(subject, a.meta().location(), "the ServiceAccount"));
    return f.message(RuleText.serviceAccount(sa.namespace(), sa.name()) + " is granted " + RuleText.rules(rules)
            + " " + RuleText.scope(scope) + " through " + RuleText.join(List.copyOf(via), ", ")
            + (dangerous.isEmpty() ? "" : " (it can " + String.join(", ", dangerous) + ")")
            + ". Every pod in " + sa.namespace() + " that names no ServiceAccount runs with these permissions:"
            + " create a dedicated ServiceAccount for the workload that needs them and bind that instead.")
        .build();
  }
}

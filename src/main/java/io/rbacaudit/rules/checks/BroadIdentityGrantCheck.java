package io.rbacaudit.rules.checks;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Grant;
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
 * Template {@code broad-identity-grant}: an identity that stands for many people (anyone, every authenticated user,
 * every ServiceAccount...) granted more than the Kubernetes defaults give it ({@link DefaultGrants}). One finding
 * per (identity, scope), with every grant beyond the defaults. Never marked as default policy: DESIGN.md section 6
 * says the exclude preset never hides these.
 *
 * <p>Params: {@code users}, {@code groups} (exact names), {@code groupPrefixes} (a group whose name starts with one
 * of these, e.g. {@code system:serviceaccounts:}); at least one entry in all. {@code lowerReadOnly} (default false):
 * one step less severe when every grant beyond the defaults only reads ({@code get}, {@code list}, {@code watch})
 * and none is a permission the catalogue rates high ({@link RiskyPermissions}: reading Secrets is never lowered).
 */
public final class BroadIdentityGrantCheck implements Template {

  private static final String SA_GROUP_PREFIX = "system:serviceaccounts:";

  @Override
  public String name() {
    return "broad-identity-grant";
  }

  private static final Set<String> READ_VERBS = Set.of("get", "list", "watch");

  private record Identities(List<String> users, List<String> groups, List<String> prefixes) {
    boolean matches(Subject s) {
      return switch (s.kind()) {
        case USER -> users.contains(s.name());
        case GROUP -> groups.contains(s.name()) || prefixes.stream().anyMatch(p -> s.name().startsWith(p));
        case SERVICE_ACCOUNT -> false;
      };
    }
  }

  @Override
  public Check compile(RuleSpec spec) {
    ParamReader p = new ParamReader(spec);
    Identities ids = new Identities(
        p.strings("users", List.of()), p.strings("groups", List.of()), p.strings("groupPrefixes", List.of()));
    if (ids.users().isEmpty() && ids.groups().isEmpty() && ids.prefixes().isEmpty()) {
      p.problem("groups", "name at least one user, group or group prefix");
    }
    boolean lowerReadOnly = p.bool("lowerReadOnly", false);
    p.finish();
    return context -> run(spec, ids, lowerReadOnly, context);
  }

  private record Scoped(Subject identity, String scope) {}

  private static List<Finding> run(RuleSpec spec, Identities ids, boolean lowerReadOnly, ScanContext context) {
    DefaultGrants defaults = new DefaultGrants(context);
    Map<Scoped, List<ResolvedBinding>> bindings = new LinkedHashMap<>();
    Map<Scoped, List<Grant>> beyond = new LinkedHashMap<>();
    for (ResolvedBinding b : context.authorizer().bindings()) {
      for (Subject s : b.subjects()) {
        if (!ids.matches(s)) {
          continue;
        }
        Scoped scoped = new Scoped(s, b.scope());
        for (EffectiveRule rule : b.rules()) {
          if (effective(b, rule.rule()) && !defaults.covered(s, rule.rule())) {
            beyond.computeIfAbsent(scoped, k -> new ArrayList<>()).add(b.grant(rule));
            List<ResolvedBinding> seen = bindings.computeIfAbsent(scoped, k -> new ArrayList<>());
            if (!seen.contains(b)) {
              seen.add(b);
            }
          }
        }
      }
    }
    List<Finding> out = new ArrayList<>();
    beyond.forEach((scoped, grants) ->
        out.add(finding(spec, scoped, grants, bindings.get(scoped), lowerReadOnly)));
    return out;
  }

  /** Non-resource URLs granted through a RoleBinding never apply, so they are not a grant there. */
  private static boolean effective(ResolvedBinding b, PolicyRule rule) {
    return b.isClusterWide() || !rule.resources().isEmpty();
  }

  private static Finding finding(RuleSpec spec, Scoped scoped, List<Grant> grants, List<ResolvedBinding> bindings,
      boolean lowerReadOnly) {
    Subject id = scoped.identity();
    ObjectRef subject = new ObjectRef(id.kind().kubeName(), id.name(), null);
    grants.sort(Grant.ORDER);
    Set<String> via = new LinkedHashSet<>();
    List<PolicyRule> granted = grants.stream().map(Grant::policyRule).toList();
    List<String> dangerous = RiskyPermissions.of(granted, scoped.scope() == null);
    Severity severity = spec.severityFor(scoped.scope() == null);
    if (lowerReadOnly && dangerous.isEmpty() && granted.stream().allMatch(r -> READ_VERBS.containsAll(r.verbs()))) {
      severity = severity.lower();
    }
    FindingBuilder f = FindingBuilder.of(spec, subject)
        .severity(severity)
        .namespace(scoped.scope())
        .key(subject + "@" + Objects.requireNonNullElse(scoped.scope(), "-"))
        .location(bindings.get(0).binding().meta().location());
    for (ResolvedBinding b : bindings) {
      f.related(b.binding().meta().location());
    }
    for (Grant g : grants) {
      via.add(RuleText.grant(g));
      f.evidence(new Evidence.GrantEvidence(g)).related(g.location());
    }
    return f.message(id.kind().kubeName() + " " + id.name() + " (" + who(id) + ") is granted "
            + RuleText.rules(granted) + " " + RuleText.scope(scoped.scope())
            + (dangerous.isEmpty() ? "" : " (it can " + String.join(", ", dangerous) + ")") + " through "
            + RuleText.join(List.copyOf(via), ", ")
            + ", beyond what Kubernetes grants it by default. Remove the subject from the binding and grant the"
            + " permission to the specific users or ServiceAccounts that need it.")
        .build();
  }

  private static String who(Subject id) {
    String n = id.name();
    if (id.kind() == SubjectKind.USER) {
      return n.equals("system:anonymous") ? "every request without credentials" : "a shared identity";
    }
    return switch (n) {
      case "system:unauthenticated" -> "every request without credentials";
      case "system:authenticated" -> "every user and ServiceAccount with any valid credential";
      case "system:serviceaccounts" -> "every ServiceAccount of every namespace";
      default -> n.startsWith(SA_GROUP_PREFIX)
          ? "every ServiceAccount of namespace " + n.substring(SA_GROUP_PREFIX.length())
          : "a broad group";
    };
  }
}

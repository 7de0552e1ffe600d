package io.rbacaudit.rbac;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes RBAC authorizer over one inventory (spec/rbac-semantics.md): every ClusterRoleBinding applies to
 * every request, RoleBindings only to requests in their own namespace; a request is allowed when one single rule
 * reached through an applicable binding whose subjects match the user matches the request. Immutable once built;
 * safe to query from several threads.
 */
public final class Authorizer {

  private final Map<String, Role> clusterRoles = new HashMap<>();
  private final Map<String, Role> roles = new HashMap<>();
  private final Map<String, List<EffectiveRule>> clusterRoleRules;
  private final List<ResolvedBinding> bindings = new ArrayList<>();
  private final List<ResolvedBinding> clusterBindings = new ArrayList<>();
  private final Map<String, List<ResolvedBinding>> roleBindingsByNamespace = new HashMap<>();
  /** Bindings by the identity that matches them: "u:" + user name, or "g:" + group name. */
  private final Map<String, List<ResolvedBinding>> bindingsByIdentity = new HashMap<>();

  public Authorizer(Inventory inventory) {
    this(inventory, AggregationMode.COMPUTE);
  }

  public Authorizer(Inventory inventory, AggregationMode mode) {
    for (Role role : inventory.roles()) {
      if (role.kind() == RoleKind.CLUSTER_ROLE) {
        clusterRoles.put(role.name(), role);
      } else {
        roles.put(roleKey(role.namespace(), role.name()), role);
      }
    }
    clusterRoleRules = Aggregator.effectiveRules(clusterRoles.values(), mode);
    for (Binding binding : inventory.bindings()) {
      ResolvedBinding resolved = resolve(binding);
      bindings.add(resolved);
      if (resolved.isClusterWide()) {
        clusterBindings.add(resolved);
      } else {
        roleBindingsByNamespace.computeIfAbsent(binding.namespace(), k -> new ArrayList<>()).add(resolved);
      }
      for (Subject s : resolved.subjects()) {
        bindingsByIdentity.computeIfAbsent(identityKey(s), k -> new ArrayList<>()).add(resolved);
      }
    }
  }

  private static String roleKey(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String identityKey(Subject s) {
    return switch (s.kind()) {
      case USER -> "u:" + s.name();
      case GROUP -> "g:" + s.name();
      case SERVICE_ACCOUNT -> "u:" + s.serviceAccountUserName();
    };
  }

  private ResolvedBinding resolve(Binding binding) {
    Role role = referencedRole(binding);
    List<EffectiveRule> rules = role == null ? List.of() : effectiveRules(role);
    // A subject written twice (or once with and once without the RoleBinding's namespace) is one subject.
    Set<Subject> subjects = new LinkedHashSet<>();
    for (Subject s : binding.subjects()) {
      if (s.kind() == SubjectKind.SERVICE_ACCOUNT && s.namespace() == null) {
        if (binding.kind() == BindingKind.ROLE_BINDING) {
          subjects.add(Subject.serviceAccount(binding.namespace(), s.name()));
        }
        // A namespace-less ServiceAccount in a ClusterRoleBinding never matches anyone.
      } else {
        subjects.add(s);
      }
    }
    return new ResolvedBinding(binding, role, rules, List.copyOf(subjects));
  }

  /** The role a binding's roleRef names, looked up as the authorizer does; empty if it grants nothing. */
  private Role referencedRole(Binding binding) {
    return switch (binding.roleRef().kind()) {
      case "ClusterRole" -> clusterRoles.get(binding.roleRef().name());
      // A ClusterRoleBinding has no namespace, so a Role it names is never found.
      case "Role" -> binding.kind() == BindingKind.ROLE_BINDING
          ? roles.get(roleKey(binding.namespace(), binding.roleRef().name()))
          : null;
      default -> null;
    };
  }

  /** The rules a role effectively holds: aggregation applied for ClusterRoles. */
  public List<EffectiveRule> effectiveRules(Role role) {
    if (role.kind() == RoleKind.CLUSTER_ROLE && clusterRoles.get(role.name()) == role) {
      return clusterRoleRules.get(role.name());
    }
    return Aggregator.ownRules(role);
  }

  public Optional<Role> clusterRole(String name) {
    return Optional.ofNullable(clusterRoles.get(name));
  }

  public Optional<Role> role(String namespace, String name) {
    return Optional.ofNullable(roles.get(roleKey(namespace, name)));
  }

  /** Every binding, resolved, in input order. */
  public List<ResolvedBinding> bindings() {
    return List.copyOf(bindings);
  }

  /** Whether the bindings that apply to this request allow it for this user, with every grant that does. */
  public Decision authorize(UserInfo user, Request request) {
    List<Grant> grants = new ArrayList<>();
    for (ResolvedBinding b : bindingsOf(user)) {
      if (applies(b, request)) {
        addMatches(b, request, grants);
      }
    }
    grants.sort(Grant.ORDER);
    return new Decision(!grants.isEmpty(), grants);
  }

  /** Every subject named in a binding that allows this request, sorted, each with its grants. */
  public List<SubjectGrants> whoCan(Request request) {
    Map<Subject, List<Grant>> bySubject = new TreeMap<>();
    for (ResolvedBinding b : applicableBindings(request)) {
      List<Grant> grants = new ArrayList<>();
      addMatches(b, request, grants);
      if (grants.isEmpty()) {
        continue;
      }
      for (Subject s : b.subjects()) {
        bySubject.computeIfAbsent(s, k -> new ArrayList<>()).addAll(grants);
      }
    }
    List<SubjectGrants> out = new ArrayList<>();
    bySubject.forEach(
        (s, g) -> {
          g.sort(Grant.ORDER);
          out.add(new SubjectGrants(s, g));
        });
    return out;
  }

  /**
   * What {@code kubectl auth can-i --list} shows, for any user: the rules granted everywhere (namespace null) and,
   * per namespace, those granted by that namespace's RoleBindings. With {@code namespace} non-null only that
   * namespace's RoleBindings count. Non-resource URLs are left out of namespaced entries: they never apply there.
   */
  public List<PermissionEntry> permissions(UserInfo user, String namespace) {
    Map<String, Map<Aggregator.RuleContent, List<Grant>>> byScope = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
    for (ResolvedBinding b : bindingsOf(user)) {
      String scope = b.scope();
      if (scope != null && namespace != null && !scope.equals(namespace)) {
        continue;
      }
      for (EffectiveRule rule : b.rules()) {
        PolicyRule effective = scope == null ? rule.rule() : withoutNonResourceURLs(rule.rule());
        if (effective == null) {
          continue;
        }
        byScope
            .computeIfAbsent(scope, k -> new LinkedHashMap<>())
            .computeIfAbsent(Aggregator.RuleContent.of(effective), k -> new ArrayList<>())
            .add(b.grant(new EffectiveRule(effective, rule.source(), rule.index())));
      }
    }
    List<PermissionEntry> out = new ArrayList<>();
    byScope.forEach(
        (scope, rules) -> {
          List<PermissionEntry> entries = new ArrayList<>();
          rules.forEach(
              (content, grants) -> {
                grants.sort(Grant.ORDER);
                entries.add(new PermissionEntry(scope, grants.get(0).policyRule(), grants));
              });
          entries.sort(PERMISSION_ORDER);
          out.addAll(entries);
        });
    return out;
  }

  private static final Comparator<PermissionEntry> PERMISSION_ORDER =
      Comparator.comparing((PermissionEntry e) -> !e.rule().nonResourceURLs().isEmpty() && e.rule().resources().isEmpty())
          .thenComparing(e -> String.join(",", e.rule().apiGroups()))
          .thenComparing(e -> String.join(",", e.rule().resources()))
          .thenComparing(e -> String.join(",", e.rule().resourceNames()))
          .thenComparing(e -> String.join(",", e.rule().nonResourceURLs()))
          .thenComparing(e -> String.join(",", e.rule().verbs()));

  /** The rule as it applies inside a namespace: without URLs; null when nothing of it is left. */
  private static PolicyRule withoutNonResourceURLs(PolicyRule r) {
    if (r.nonResourceURLs().isEmpty()) {
      return r;
    }
    if (r.resources().isEmpty()) {
      return null;
    }
    return new PolicyRule(r.verbs(), r.apiGroups(), r.resources(), r.resourceNames(), List.of(), r.location());
  }

  /** The bindings whose subjects match this user (by name or one of its groups), each once. */
  public Collection<ResolvedBinding> bindingsOf(UserInfo user) {
    Set<ResolvedBinding> out = new LinkedHashSet<>();
    List<ResolvedBinding> byName = bindingsByIdentity.get("u:" + user.name());
    if (byName != null) {
      out.addAll(byName);
    }
    for (String group : user.groups()) {
      List<ResolvedBinding> byGroup = bindingsByIdentity.get("g:" + group);
      if (byGroup != null) {
        out.addAll(byGroup);
      }
    }
    return out;
  }

  private List<ResolvedBinding> applicableBindings(Request request) {
    if (request.namespace().isEmpty()) {
      return clusterBindings;
    }
    List<ResolvedBinding> out = new ArrayList<>(clusterBindings);
    out.addAll(roleBindingsByNamespace.getOrDefault(request.namespace(), List.of()));
    return out;
  }

  /** Whether a binding is considered for a request: ClusterRoleBindings always, RoleBindings in their namespace. */
  private static boolean applies(ResolvedBinding b, Request request) {
    return b.isClusterWide() || (!request.namespace().isEmpty() && request.namespace().equals(b.binding().namespace()));
  }

  private static void addMatches(ResolvedBinding b, Request request, List<Grant> into) {
    for (EffectiveRule rule : b.rules()) {
      if (RuleMatcher.matches(rule.rule(), request)) {
        into.add(b.grant(rule));
      }
    }
  }
}

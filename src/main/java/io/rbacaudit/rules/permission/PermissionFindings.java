package io.rbacaudit.rules.permission;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rbac.RoleId;
import io.rbacaudit.rules.DefaultPolicy;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Turns what a permission rule matched into findings: evidence, locations, workloads and the message. */
final class PermissionFindings {

  static final String KEY = "perm";
  static final String LATENT_KEY = "latent";
  private static final int MAX_LISTED = 3;

  private final RuleSpec spec;
  private final PermissionPattern pattern;
  private final ScanContext context;
  private final ControlPlaneIdentities controlPlane;

  PermissionFindings(RuleSpec spec, PermissionPattern pattern, ScanContext context) {
    this.spec = spec;
    this.pattern = pattern;
    this.context = context;
    this.controlPlane = new ControlPlaneIdentities(context.shippedDefaultBindings());
  }

  /** A subject's finding in one scope (null: cluster-wide), with every grant that causes it. */
  Finding subjectFinding(Subject subject, String scope, List<PermissionCheck.Hit> hits) {
    List<Grant> grants = grants(hits);
    List<ObjectRef> workloads = workloads(subject);
    String message = PermissionText.subject(subject) + " can " + permissionIn(scope, hits)
        + " (" + bindingsText(grants) + ")" + workloadsText(workloads);
    boolean defaults = controlPlane.contains(subject) || hits.stream().allMatch(this::unchangedDefault);
    return new Finding(spec, spec.severityFor(scope == null), message, ref(subject), scope, KEY,
        location(hits, grants), relatedLocations(grants),
        grants.stream().<Evidence>map(Evidence.GrantEvidence::new).toList(), workloads, false, defaults);
  }

  /** A role nobody is bound to yet, at one step below the rule's base severity. */
  Finding latentFinding(LatentRoles.LatentRole latent, String scope, List<PermissionCheck.Hit> hits) {
    Role role = latent.role();
    // An unbound ClusterRole has no scope yet: it grants wherever it is bound later.
    String where = scope == null ? "" : " in namespace " + scope;
    String what = PermissionText.role(role) + " allows " + permission(hits) + where;
    String message;
    if (latent.builtInAggregators().isEmpty()) {
      message = what + ", but nothing binds it yet: whoever is bound to it later gets this.";
    } else {
      List<String> names = latent.builtInAggregators().stream().map(Role::name).toList();
      message = what + ", and is aggregated into built-in ClusterRole " + PermissionText.joinAnd(names)
          + ": everyone bound to " + (names.size() == 1 ? "it" : "them")
          + " on the cluster gets this, though no binding in these inputs uses " + (names.size() == 1 ? "it" : "them")
          + " yet.";
    }
    List<Evidence> evidence = new ArrayList<>();
    Set<Location> related = new LinkedHashSet<>();
    for (EffectiveRule rule : rules(hits)) {
      RoleId source = rule.source();
      evidence.add(new Evidence.ObjectEvidence(new ObjectRef(source.kind().kubeName(), source.name(),
          source.namespace()), rule.rule().location(), "rules[" + rule.index() + "]: " + PermissionText.rule(rule)));
      addUnlessBuiltIn(related, rule.rule().location());
    }
    return new Finding(spec, spec.severity().lower(), message, role.ref(), scope, LATENT_KEY,
        role.meta().location(), List.copyOf(related), evidence, List.of(), true,
        context.defaultPolicy().isUnchangedDefault(role));
  }

  private String permission(List<PermissionCheck.Hit> hits) {
    return PermissionText.requests(matched(hits, r -> true));
  }

  /**
   * What the subject can do, and where: {@code list secrets in every namespace}; a namespace finding that also
   * needs cluster-scoped grants (allOf) names both parts, {@code delete pods in namespace batch and patch nodes
   * cluster-wide}.
   */
  private String permissionIn(String scope, List<PermissionCheck.Hit> hits) {
    if (scope == null) {
      List<ScopedRequest> all = matched(hits, r -> true);
      boolean perNamespace = all.stream().allMatch(r -> r.scope() == ResourceScopes.Scope.NAMESPACED);
      return PermissionText.requests(all) + (perNamespace ? " in every namespace" : " cluster-wide");
    }
    List<ScopedRequest> local = matched(hits, ScopedRequest::namespaced);
    List<ScopedRequest> cluster = matched(hits, r -> !r.namespaced());
    String text = PermissionText.requests(local) + " in namespace " + scope;
    return cluster.isEmpty() ? text : text + " and " + PermissionText.requests(cluster) + " cluster-wide";
  }

  private List<ScopedRequest> matched(List<PermissionCheck.Hit> hits, java.util.function.Predicate<ScopedRequest> keep) {
    Set<Integer> indexes = new TreeSet<>();
    for (PermissionCheck.Hit h : hits) {
      indexes.add(h.request());
    }
    List<ScopedRequest> out = new ArrayList<>();
    for (int i : indexes) {
      ScopedRequest r = pattern.requests().get(i);
      if (keep.test(r)) {
        out.add(r);
      }
    }
    return out;
  }

  private static String bindingsText(List<Grant> grants) {
    Map<String, Set<String>> byPair = new LinkedHashMap<>();
    for (Grant g : grants) {
      String pair = PermissionText.object(g.binding()) + " -> " + PermissionText.role(g.role());
      Set<String> sources = byPair.computeIfAbsent(pair, k -> new LinkedHashSet<>());
      if (g.aggregated()) {
        sources.add(PermissionText.role(g.rule().source()));
      }
    }
    List<String> parts = new ArrayList<>();
    byPair.forEach((pair, sources) -> parts.add(sources.isEmpty() ? pair
        : pair + ", aggregating " + PermissionText.joinAnd(PermissionText.capped(new ArrayList<>(sources), 2, "roles"))));
    return String.join("; ", PermissionText.capped(parts, MAX_LISTED, "bindings"));
  }

  private List<ObjectRef> workloads(Subject subject) {
    if (subject.kind() != SubjectKind.SERVICE_ACCOUNT) {
      return List.of();
    }
    return context.workloadsRunningAs(subject.namespace(), subject.name()).stream().map(Workload::ref).toList();
  }

  private static String workloadsText(List<ObjectRef> workloads) {
    if (workloads.isEmpty()) {
      return ".";
    }
    List<String> names = workloads.stream().map(PermissionText::object).toList();
    return "; " + workloads.size() + (workloads.size() == 1 ? " workload runs" : " workloads run") + " as it: "
        + String.join(", ", PermissionText.capped(names, MAX_LISTED, "workloads")) + ".";
  }

  /** Every grant, each once, in the authorizer's grant order. */
  private static List<Grant> grants(List<PermissionCheck.Hit> hits) {
    // A rule that allows several of the pattern's requests is a hit for each: drop those repeats by identity first,
    // since a grant's hash and equals read the whole rule.
    Map<ResolvedBinding, Set<EffectiveRule>> seen = new IdentityHashMap<>();
    Set<Grant> unique = new LinkedHashSet<>();
    for (PermissionCheck.Hit h : hits) {
      if (seen.computeIfAbsent(h.binding(), k -> Collections.newSetFromMap(new IdentityHashMap<>())).add(h.rule())) {
        unique.add(h.binding().grant(h.rule()));
      }
    }
    List<Grant> out = new ArrayList<>(unique);
    out.sort(Grant.ORDER);
    return out;
  }

  private static List<EffectiveRule> rules(List<PermissionCheck.Hit> hits) {
    Set<EffectiveRule> out = new LinkedHashSet<>();
    for (PermissionCheck.Hit h : hits) {
      out.add(h.rule());
    }
    return List.copyOf(out);
  }

  /** Where to fix it: the first binding written in the inputs; for built-in bindings, the first rule's place. */
  private static Location location(List<PermissionCheck.Hit> hits, List<Grant> grants) {
    Map<ObjectRef, Binding> bindings = new java.util.HashMap<>();
    for (PermissionCheck.Hit h : hits) {
      bindings.putIfAbsent(h.binding().binding().ref(), h.binding().binding());
    }
    for (Grant g : grants) {
      Binding b = bindings.get(g.binding());
      if (b != null && !b.builtIn()) {
        return b.meta().location();
      }
    }
    return grants.get(0).location();
  }

  private static List<Location> relatedLocations(List<Grant> grants) {
    Set<Location> out = new LinkedHashSet<>();
    for (Grant g : grants) {
      addUnlessBuiltIn(out, g.location());
    }
    return List.copyOf(out);
  }

  private static void addUnlessBuiltIn(Set<Location> into, Location location) {
    if (location != null && !location.isBuiltIn()) {
      into.add(location);
    }
  }

  /** An unchanged Kubernetes default binding to an unchanged default role, through a default rule. */
  private boolean unchangedDefault(PermissionCheck.Hit hit) {
    DefaultPolicy policy = context.defaultPolicy();
    if (!policy.isUnchangedDefault(hit.binding().binding()) || !policy.isUnchangedDefault(hit.binding().role())) {
      return false;
    }
    RoleId source = hit.rule().source();
    if (source.builtIn()) {
      return true;
    }
    Role sourceRole = source.kind() == RoleKind.CLUSTER_ROLE
        ? context.authorizer().clusterRole(source.name()).orElse(null)
        : context.authorizer().role(source.namespace(), source.name()).orElse(null);
    return sourceRole != null && policy.isUnchangedDefault(sourceRole);
  }

  private static ObjectRef ref(Subject s) {
    return new ObjectRef(s.kind().kubeName(), s.name(), s.namespace());
  }
}

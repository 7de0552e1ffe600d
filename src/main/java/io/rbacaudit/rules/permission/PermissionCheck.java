package io.rbacaudit.rules.permission;

import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.ResolvedBinding;
import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One permission rule, run over a scan. Judges effective permissions, never a role's text: each binding's effective
 * rules (aggregation applied) are matched against the rule's requests with the authorizer's matcher, once per role.
 * Bindings are walked once; subjects collect what they hold where.
 *
 * <p>Scope. A ClusterRoleBinding grants everywhere: a cluster-wide finding (namespace null). A RoleBinding grants
 * only namespaced requests, in its namespace: a finding in that namespace, unless the subject already has the
 * cluster-wide finding. For {@code allOf}, a namespace finding may combine cluster-wide grants with that namespace's
 * RoleBinding grants. With {@code namespaces}, findings are only ever in the listed namespaces (cluster-wide grants
 * count in each), at the rule's base severity.
 */
final class PermissionCheck implements Check {

  /** One rule of one binding (null for a latent role) that allows request {@code request} of the pattern. */
  record Hit(ResolvedBinding binding, EffectiveRule rule, int request) {}

  private static final String SERVICE_ACCOUNT_USER = "system:serviceaccount:";

  private final RuleSpec spec;
  private final PermissionPattern pattern;

  PermissionCheck(RuleSpec spec, PermissionPattern pattern) {
    this.spec = spec;
    this.pattern = pattern;
  }

  @Override
  public List<Finding> run(ScanContext context) {
    Map<Role, RoleMatch> byRole = new IdentityHashMap<>();
    Map<Subject, SubjectHits> bySubject = new HashMap<>();
    for (ResolvedBinding b : context.authorizer().bindings()) {
      if (b.role() == null || b.subjects().isEmpty()) {
        continue;
      }
      RoleMatch match = byRole.computeIfAbsent(b.role(), r -> RoleMatch.of(b.rules(), pattern));
      if (!match.any() || !applies(b, match)) {
        continue;
      }
      List<Hit> hits = hits(b, match, b.isClusterWide());
      for (Subject s : b.subjects()) {
        bySubject.computeIfAbsent(canonical(s), SubjectHits::new).add(b.scope(), hits);
      }
    }
    PermissionFindings writer = new PermissionFindings(spec, pattern, context);
    List<Finding> out = new ArrayList<>();
    for (SubjectHits h : bySubject.values()) {
      evaluate(h, writer, out);
    }
    for (LatentRoles.LatentRole latent : LatentRoles.of(context)) {
      latent(latent, context, writer, out);
    }
    return out;
  }

  /**
   * A User subject named {@code system:serviceaccount:NS:NAME} is that ServiceAccount (the authorizer compares user
   * names), so its grants and the ServiceAccount's are one subject's, with its workloads.
   */
  static Subject canonical(Subject s) {
    if (s.kind() == SubjectKind.USER && s.name().startsWith(SERVICE_ACCOUNT_USER)) {
      String[] parts = s.name().substring(SERVICE_ACCOUNT_USER.length()).split(":", -1);
      if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()) {
        return Subject.serviceAccount(parts[0], parts[1]);
      }
    }
    return s;
  }

  private boolean applies(ResolvedBinding b, RoleMatch match) {
    if (b.isClusterWide()) {
      return true;
    }
    return match.anyNamespaced() && (pattern.namespaces() == null || pattern.namespaces().contains(b.scope()));
  }

  /** Every rule that allows a request; through a RoleBinding only namespaced requests count. */
  private List<Hit> hits(ResolvedBinding b, RoleMatch match, boolean clusterWide) {
    List<Hit> out = new ArrayList<>();
    List<ScopedRequest> requests = pattern.requests();
    for (int i = 0; i < requests.size(); i++) {
      if (!clusterWide && !requests.get(i).namespaced()) {
        continue;
      }
      for (EffectiveRule rule : match.rules(i)) {
        out.add(new Hit(b, rule, i));
      }
    }
    return out;
  }

  private void evaluate(SubjectHits h, PermissionFindings writer, List<Finding> out) {
    boolean[] cluster = allowed(h.cluster);
    if (pattern.namespaces() == null) {
      if (!h.cluster.isEmpty() && pattern.satisfiedBy(cluster)) {
        out.add(writer.subjectFinding(h.subject, null, h.cluster));
        return; // the cluster-wide finding says it all: no per-namespace findings besides it
      }
      h.byNamespace.forEach((ns, local) -> {
        if (pattern.satisfiedBy(or(cluster, allowed(local)))) {
          out.add(writer.subjectFinding(h.subject, ns, concat(local, h.cluster)));
        }
      });
      return;
    }
    for (String ns : new java.util.TreeSet<>(pattern.namespaces())) {
      List<Hit> local = h.byNamespace.getOrDefault(ns, List.of());
      if ((!local.isEmpty() || !h.cluster.isEmpty()) && pattern.satisfiedBy(or(cluster, allowed(local)))) {
        out.add(writer.subjectFinding(h.subject, ns, concat(local, h.cluster)));
      }
    }
  }

  /** A role nobody is bound to: the same requests, judged on its own effective rules, where it could be bound. */
  private void latent(LatentRoles.LatentRole latent, ScanContext context, PermissionFindings writer,
      List<Finding> out) {
    Role role = latent.role();
    RoleMatch match = RoleMatch.of(context.authorizer().effectiveRules(role), pattern);
    if (!match.any()) {
      return;
    }
    boolean clusterRole = role.kind() == RoleKind.CLUSTER_ROLE;
    List<Hit> hits = hits(null, match, clusterRole);
    if (!pattern.satisfiedBy(allowed(hits))) {
      return;
    }
    if (pattern.namespaces() == null) {
      out.add(writer.latentFinding(latent, clusterRole ? null : role.namespace(), hits));
      return;
    }
    for (String ns : new java.util.TreeSet<>(pattern.namespaces())) {
      if (clusterRole || ns.equals(role.namespace())) {
        out.add(writer.latentFinding(latent, ns, hits));
      }
    }
  }

  private boolean[] allowed(List<Hit> hits) {
    boolean[] out = new boolean[pattern.requests().size()];
    for (Hit h : hits) {
      out[h.request()] = true;
    }
    return out;
  }

  private static boolean[] or(boolean[] a, boolean[] b) {
    boolean[] out = a.clone();
    for (int i = 0; i < b.length; i++) {
      out[i] |= b[i];
    }
    return out;
  }

  private static List<Hit> concat(List<Hit> a, List<Hit> b) {
    List<Hit> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }

  /** What one subject holds: through ClusterRoleBindings, and through RoleBindings per namespace. */
  private static final class SubjectHits {
    final Subject subject;
    final List<Hit> cluster = new ArrayList<>();
    final Map<String, List<Hit>> byNamespace = new TreeMap<>();

    SubjectHits(Subject subject) {
      this.subject = subject;
    }

    void add(String scope, List<Hit> hits) {
      if (scope == null) {
        cluster.addAll(hits);
      } else {
        byNamespace.computeIfAbsent(scope, k -> new ArrayList<>()).addAll(hits);
      }
    }
  }
}

package io.rbacaudit.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A seeded generator of small random RBAC policies (as manifest text) and requests, for the property tests. The
 * vocabulary is tiny on purpose, so that rules, requests and subjects collide often enough to exercise every
 * branch: wildcards, subresources, resourceNames, aggregation by label, RoleBindings to ClusterRoles.
 */
final class GeneratedPolicies {

  static final String[] NAMESPACES = {"a", "b"};
  static final String[] VERBS = {"get", "list", "create", "delete", "*"};
  static final String[] GROUPS = {"", "apps", "*"};
  static final String[] RESOURCES = {"pods", "secrets", "deployments", "pods/log", "*/log", "*"};
  static final String[] NAMES = {"x", "y"};
  static final String[] URLS = {"/healthz", "/api/*", "/api", "*"};
  static final String[] USERS = {"alice", "bob"};
  static final String[] GROUP_NAMES = {"g1", "g2"};
  static final String[] SERVICE_ACCOUNTS = {"a:sa1", "b:sa2"};

  record Rule(List<String> verbs, List<String> apiGroups, List<String> resources, List<String> resourceNames,
      List<String> urls) {}

  /** A ClusterRole (namespace null) or Role; {@code aggregate} selects ClusterRoles labelled agg=yes. */
  record GenRole(String namespace, String name, boolean labelled, boolean aggregate, List<Rule> rules) {}

  /** A ClusterRoleBinding (namespace null) or RoleBinding; subjects as "User:x", "Group:g", "SA:ns:name". */
  record GenBinding(String namespace, String name, String roleKind, String roleName, List<String> subjects) {}

  record Policy(List<GenRole> roles, List<GenBinding> bindings) {}

  private final Random random;

  GeneratedPolicies(long seed) {
    this.random = new Random(seed);
  }

  Random random() {
    return random;
  }

  Policy policy() {
    List<GenRole> roles = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      roles.add(new GenRole(null, "cr" + i, random.nextBoolean(), false, rules(true)));
    }
    roles.add(new GenRole(null, "agg", false, true, random.nextBoolean() ? List.of() : rules(true)));
    for (String ns : NAMESPACES) {
      roles.add(new GenRole(ns, "r", false, false, rules(false)));
    }
    List<GenBinding> bindings = new ArrayList<>();
    int n = 2 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      bindings.add(binding("b" + i));
    }
    return new Policy(roles, bindings);
  }

  GenBinding binding(String name) {
    String ns = random.nextInt(3) == 0 ? null : pick(NAMESPACES);
    String roleKind = ns == null || random.nextBoolean() ? "ClusterRole" : "Role";
    String roleName = roleKind.equals("Role") ? "r" : pick(new String[] {"cr0", "cr1", "cr2", "agg"});
    List<String> subjects = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      subjects.add(switch (random.nextInt(3)) {
        case 0 -> "User:" + pick(USERS);
        case 1 -> "Group:" + pick(GROUP_NAMES);
        default -> "SA:" + pick(SERVICE_ACCOUNTS);
      });
    }
    return new GenBinding(ns, name, roleKind, roleName, subjects);
  }

  List<Rule> rules(boolean cluster) {
    List<Rule> rules = new ArrayList<>();
    int n = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      rules.add(rule(cluster));
    }
    return rules;
  }

  Rule rule(boolean cluster) {
    if (cluster && random.nextInt(5) == 0) {
      return new Rule(some(VERBS), List.of(), List.of(), List.of(), some(URLS));
    }
    List<String> names = random.nextInt(3) == 0 ? some(NAMES) : List.of();
    return new Rule(some(VERBS), some(GROUPS), some(RESOURCES), names, List.of());
  }

  Request request() {
    String verb = pick(VERBS);
    if (random.nextInt(6) == 0) {
      return Request.nonResource(verb, pick(new String[] {"/healthz", "/api", "/api/v1", "/metrics"}));
    }
    String resource = pick(new String[] {"pods", "secrets", "deployments"});
    String sub = resource.equals("pods") && random.nextBoolean() ? "log" : "";
    String ns = random.nextInt(3) == 0 ? "" : pick(NAMESPACES);
    String name = random.nextBoolean() ? pick(NAMES) : "";
    return Request.resource(verb, pick(new String[] {"", "apps"}), resource, sub, ns, name);
  }

  /** Every identity the policies can name, as can-i would impersonate it. */
  static List<UserInfo> users() {
    List<UserInfo> out = new ArrayList<>();
    for (String u : USERS) {
      out.add(Impersonation.of(u, null));
    }
    for (String g : GROUP_NAMES) {
      out.add(Impersonation.of("probe", List.of(g)));
    }
    for (String sa : SERVICE_ACCOUNTS) {
      out.add(Impersonation.of("system:serviceaccount:" + sa, null));
    }
    return out;
  }

  private List<String> some(String[] pool) {
    List<String> out = new ArrayList<>();
    int n = 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      String v = pick(pool);
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return out;
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }

  // ---- rendering as manifests

  static List<String> documents(Policy p) {
    List<String> docs = new ArrayList<>();
    p.roles().forEach(r -> docs.add(yaml(r)));
    p.bindings().forEach(b -> docs.add(yaml(b)));
    return docs;
  }

  static String text(List<String> docs) {
    return docs.stream().map(d -> "---\n" + d).collect(Collectors.joining());
  }

  static String yaml(GenRole r) {
    StringBuilder sb = new StringBuilder("apiVersion: rbac.authorization.k8s.io/v1\n");
    sb.append("kind: ").append(r.namespace() == null ? "ClusterRole" : "Role").append('\n');
    sb.append("metadata: {name: ").append(r.name());
    if (r.namespace() != null) {
      sb.append(", namespace: ").append(r.namespace());
    }
    if (r.labelled()) {
      sb.append(", labels: {agg: \"yes\"}");
    }
    sb.append("}\n");
    if (r.aggregate()) {
      sb.append("aggregationRule: {clusterRoleSelectors: [{matchLabels: {agg: \"yes\"}}]}\n");
    }
    sb.append("rules:\n");
    for (Rule rule : r.rules()) {
      sb.append("- verbs: ").append(flow(rule.verbs())).append('\n');
      if (rule.urls().isEmpty()) {
        sb.append("  apiGroups: ").append(flow(rule.apiGroups())).append('\n');
        sb.append("  resources: ").append(flow(rule.resources())).append('\n');
        if (!rule.resourceNames().isEmpty()) {
          sb.append("  resourceNames: ").append(flow(rule.resourceNames())).append('\n');
        }
      } else {
        sb.append("  nonResourceURLs: ").append(flow(rule.urls())).append('\n');
      }
    }
    return sb.toString();
  }

  static String yaml(GenBinding b) {
    StringBuilder sb = new StringBuilder("apiVersion: rbac.authorization.k8s.io/v1\n");
    sb.append("kind: ").append(b.namespace() == null ? "ClusterRoleBinding" : "RoleBinding").append('\n');
    sb.append("metadata: {name: ").append(b.name());
    if (b.namespace() != null) {
      sb.append(", namespace: ").append(b.namespace());
    }
    sb.append("}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ").append(b.roleKind())
        .append(", name: ").append(b.roleName()).append("}\nsubjects:\n");
    for (String s : b.subjects()) {
      String[] p = s.split(":");
      switch (p[0]) {
        case "User" -> sb.append("- {kind: User, apiGroup: rbac.authorization.k8s.io, name: ").append(p[1]);
        case "Group" -> sb.append("- {kind: Group, apiGroup: rbac.authorization.k8s.io, name: ").append(p[1]);
        default -> sb.append("- {kind: ServiceAccount, namespace: ").append(p[1]).append(", name: ").append(p[2]);
      }
      sb.append("}\n");
    }
    return sb.toString();
  }

  private static String flow(List<String> values) {
    return values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(", ", "[", "]"));
  }
}

package io.rbacaudit.jmh;

import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * RuleMatcher.matches, the innermost step of every can-i, who-can and permission rule. {@code match} times one
 * rule against one request (ns/op), over eight pairs per shape of rule, about half of which match, so neither
 * branch is predicted for free; {@code defaultRoles} times one request against every rule of the bundled Kubernetes
 * default roles (us/op), which is what a who-can over an unindexed role set costs.
 */
@BenchmarkMode(Mode.AverageTime)
@State(Scope.Benchmark)
public class RuleMatcherBenchmark {

  static final int PAIRS = 8;

  /** Eight (rule, request) pairs of one shape; the setup checks how many match, so the inputs stay what they say. */
  @State(Scope.Benchmark)
  public static class Pairs {

    @Param({"exact", "wildcard", "resourceNames", "subresource", "nonResourceURL"})
    public String shape;

    PolicyRule[] rules;
    Request[] requests;

    @Setup(Level.Trial)
    public void build() {
      List<Pair> pairs = switch (shape) {
        case "exact" -> exact();
        case "wildcard" -> wildcard();
        case "resourceNames" -> resourceNames();
        case "subresource" -> subresource();
        case "nonResourceURL" -> nonResourceURL();
        default -> throw new IllegalArgumentException("unknown shape " + shape);
      };
      rules = pairs.stream().map(Pair::rule).toArray(PolicyRule[]::new);
      requests = pairs.stream().map(Pair::request).toArray(Request[]::new);
      long matching = pairs.stream().filter(p -> RuleMatcher.matches(p.rule(), p.request())).count();
      long expected = pairs.stream().filter(Pair::matches).count();
      if (pairs.size() != PAIRS || matching != expected) {
        throw new IllegalStateException(shape + ": " + pairs.size() + " pairs, " + matching + " match, expected "
            + expected);
      }
    }
  }

  record Pair(PolicyRule rule, Request request, boolean matches) {}

  @Benchmark
  @OperationsPerInvocation(PAIRS)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public void match(Pairs pairs, Blackhole bh) {
    PolicyRule[] rules = pairs.rules;
    Request[] requests = pairs.requests;
    for (int i = 0; i < PAIRS; i++) {
      bh.consume(RuleMatcher.matches(rules[i], requests[i]));
    }
  }

  PolicyRule[] defaultRules;
  Request[] defaultRequests;
  int next;

  @Setup(Level.Trial)
  public void loadDefaults() {
    defaultRules = KubernetesDefaults.builtInRoles().stream()
        .map(Role::rules)
        .flatMap(List::stream)
        .toArray(PolicyRule[]::new);
    defaultRequests = new Request[] {
      Request.resource("get", "", "secrets", "", "shop", ""),
      Request.resource("create", "", "pods", "exec", "shop", "web-0"),
      Request.resource("update", "apps", "deployments", "scale", "shop", "web"),
      Request.resource("list", "", "nodes", "", "", ""),
      Request.resource("watch", "coordination.k8s.io", "leases", "", "kube-system", ""),
      Request.nonResource("get", "/healthz"),
      Request.nonResource("get", "/metrics"),
      Request.resource("bind", "rbac.authorization.k8s.io", "clusterroles", "", "", "admin"),
    };
    System.out.printf("%n%d rules in the default roles%n", defaultRules.length);
  }

  /** How many of the default roles' rules allow the next request: one full scan of their rules. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int defaultRoles() {
    Request request = defaultRequests[next];
    next = (next + 1) % defaultRequests.length;
    int allowing = 0;
    for (PolicyRule rule : defaultRules) {
      if (RuleMatcher.matches(rule, request)) {
        allowing++;
      }
    }
    return allowing;
  }

  private static PolicyRule rule(List<String> verbs, List<String> groups, List<String> resources,
      List<String> names, List<String> urls) {
    return new PolicyRule(verbs, groups, resources, names, urls, Location.file("bench.yaml", 1));
  }

  private static PolicyRule resources(List<String> verbs, List<String> groups, List<String> resources) {
    return rule(verbs, groups, resources, List.of(), List.of());
  }

  private static Request get(String group, String resource, String subresource, String name) {
    return Request.resource("get", group, resource, subresource, "shop", name);
  }

  /** A reader role as tenants write them: lists of exact verbs, one group, six resources. */
  static List<Pair> exact() {
    PolicyRule reader = resources(List.of("get", "list", "watch"), List.of(""),
        List.of("configmaps", "services", "endpoints", "pods", "events", "leases"));
    PolicyRule deployer = resources(List.of("get", "list", "watch", "create", "update", "patch", "delete"),
        List.of("apps"), List.of("deployments", "statefulsets", "daemonsets", "replicasets"));
    return List.of(
        new Pair(reader, get("", "pods", "", ""), true),
        new Pair(reader, Request.resource("watch", "", "leases", "", "shop", ""), true),
        new Pair(reader, Request.resource("delete", "", "pods", "", "shop", "web-0"), false),
        new Pair(reader, get("", "secrets", "", ""), false),
        new Pair(deployer, Request.resource("patch", "apps", "replicasets", "", "shop", "web"), true),
        new Pair(deployer, get("apps", "deployments", "", "web"), true),
        new Pair(deployer, get("", "deployments", "", "web"), false),
        new Pair(deployer, Request.resource("escalate", "apps", "deployments", "", "shop", ""), false));
  }

  /** "*" as a whole entry on each axis, alone or among others. */
  static List<Pair> wildcard() {
    PolicyRule all = resources(List.of("*"), List.of("*"), List.of("*"));
    PolicyRule anyVerbOnPods = resources(List.of("*"), List.of(""), List.of("pods", "pods/log"));
    PolicyRule anyGroup = resources(List.of("get", "list"), List.of("*"), List.of("deployments"));
    PolicyRule anyResource = resources(List.of("get"), List.of("apps", "batch"), List.of("*"));
    return List.of(
        new Pair(all, Request.resource("delete", "apps", "deployments", "", "shop", "web"), true),
        new Pair(all, Request.nonResource("get", "/healthz"), false),
        new Pair(anyVerbOnPods, Request.resource("deletecollection", "", "pods", "", "shop", ""), true),
        new Pair(anyVerbOnPods, get("", "pods", "exec", "web-0"), false),
        new Pair(anyGroup, get("extensions", "deployments", "", ""), true),
        new Pair(anyGroup, Request.resource("watch", "apps", "deployments", "", "shop", ""), false),
        new Pair(anyResource, get("batch", "cronjobs", "", ""), true),
        new Pair(anyResource, get("", "secrets", "", ""), false));
  }

  /** resourceNames: the name must be listed; a request without a name (list, create) is not allowed. */
  static List<Pair> resourceNames() {
    PolicyRule named = rule(List.of("get", "update", "patch"), List.of(""), List.of("configmaps"),
        List.of("kube-root-ca.crt", "cluster-info", "extension-apiserver-authentication", "coredns",
            "kubeadm-config", "kubelet-config"), List.of());
    PolicyRule leader = rule(List.of("get", "update"), List.of("coordination.k8s.io"), List.of("leases"),
        List.of("controller-leader"), List.of());
    return List.of(
        new Pair(named, get("", "configmaps", "", "coredns"), true),
        new Pair(named, get("", "configmaps", "", "kubelet-config"), true),
        new Pair(named, get("", "configmaps", "", "app-settings"), false),
        new Pair(named, get("", "configmaps", "", ""), false),
        new Pair(leader, get("coordination.k8s.io", "leases", "", "controller-leader"), true),
        new Pair(leader, Request.resource("update", "coordination.k8s.io", "leases", "", "shop",
            "controller-leader"), true),
        new Pair(leader, get("coordination.k8s.io", "leases", "", "other-leader"), false),
        new Pair(leader, Request.resource("list", "coordination.k8s.io", "leases", "", "shop", ""), false));
  }

  /** resource/subresource pairs and "*" + "/sub", which covers that subresource of every resource. */
  static List<Pair> subresource() {
    PolicyRule exec = resources(List.of("create", "get"), List.of(""), List.of("pods/exec", "pods/attach",
        "pods/portforward"));
    PolicyRule status = resources(List.of("get", "update", "patch"), List.of("*"), List.of("*/status"));
    return List.of(
        new Pair(exec, Request.resource("create", "", "pods", "exec", "shop", "web-0"), true),
        new Pair(exec, get("", "pods", "portforward", "web-0"), true),
        new Pair(exec, get("", "pods", "", "web-0"), false),
        new Pair(exec, get("", "pods", "log", "web-0"), false),
        new Pair(status, Request.resource("patch", "apps", "deployments", "status", "shop", "web"), true),
        new Pair(status, get("", "nodes", "status", "node-1"), true),
        new Pair(status, get("apps", "deployments", "", "web"), false),
        new Pair(status, get("apps", "deployments", "scale", "web"), false));
  }

  /** Non-resource URLs: exact paths and trailing-"*" prefixes; a resource request never matches them. */
  static List<Pair> nonResourceURL() {
    PolicyRule probes = rule(List.of("get"), List.of(), List.of(), List.of(),
        List.of("/healthz", "/livez", "/readyz", "/version", "/version/"));
    PolicyRule discovery = rule(List.of("get"), List.of(), List.of(), List.of(),
        List.of("/api", "/api/*", "/apis", "/apis/*", "/openapi", "/openapi/*"));
    return List.of(
        new Pair(probes, Request.nonResource("get", "/readyz"), true),
        new Pair(probes, Request.nonResource("get", "/version/"), true),
        new Pair(probes, Request.nonResource("get", "/metrics"), false),
        new Pair(probes, Request.nonResource("post", "/healthz"), false),
        new Pair(discovery, Request.nonResource("get", "/apis/apps/v1"), true),
        new Pair(discovery, Request.nonResource("get", "/openapi/v3"), true),
        new Pair(discovery, Request.nonResource("get", "/logs/kube-apiserver.log"), false),
        new Pair(discovery, get("", "pods", "", ""), false));
  }
}

package io.rbacaudit.rules.checks;

import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RuleMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The permissions the catalogue rates high or critical (RBAC-101, 201-204, 301-307, 401-406, 501, 505), as one
 * representative request each, for structural checks that only need to know whether a ServiceAccount holds
 * something dangerous (RBAC-601, 605, 606). Requests carry no name, so a grant limited by resourceNames (a token for
 * one named ServiceAccount) is not taken as the general permission.
 */
final class RiskyPermissions {

  private record Risky(String label, Request request, boolean clusterScoped) {}

  private static final String RBAC = "rbac.authorization.k8s.io";

  private static final List<Risky> RISKY = List.of(
      ns("read secrets", "get", "", "secrets", ""),
      ns("read secrets", "list", "", "secrets", ""),
      ns("read secrets", "watch", "", "secrets", ""),
      ns("create secrets", "create", "", "secrets", ""),
      ns("write secrets", "update", "", "secrets", ""),
      ns("write secrets", "patch", "", "secrets", ""),
      ns("request ServiceAccount tokens", "create", "", "serviceaccounts", "token"),
      ns("create pods", "create", "", "pods", ""),
      ns("write pods", "patch", "", "pods", ""),
      ns("write pods", "update", "", "pods", ""),
      ns("exec into pods", "create", "", "pods", "exec"),
      ns("attach to pods", "create", "", "pods", "attach"),
      ns("add ephemeral containers", "patch", "", "pods", "ephemeralcontainers"),
      ns("create workloads", "create", "apps", "deployments", ""),
      ns("create workloads", "create", "apps", "daemonsets", ""),
      ns("create workloads", "create", "apps", "statefulsets", ""),
      ns("create workloads", "create", "batch", "jobs", ""),
      ns("create workloads", "create", "batch", "cronjobs", ""),
      ns("escalate roles", "escalate", RBAC, "roles", ""),
      ns("bind roles", "bind", RBAC, "roles", ""),
      ns("write role bindings", "create", RBAC, "rolebindings", ""),
      ns("write roles", "create", RBAC, "roles", ""),
      ns("impersonate ServiceAccounts", "impersonate", "", "serviceaccounts", ""),
      cluster("escalate roles", "escalate", RBAC, "clusterroles", ""),
      cluster("bind roles", "bind", RBAC, "clusterroles", ""),
      cluster("write role bindings", "create", RBAC, "clusterrolebindings", ""),
      cluster("impersonate", "impersonate", "", "users", ""),
      cluster("impersonate", "impersonate", "", "groups", ""),
      cluster("proxy to kubelets", "get", "", "nodes", "proxy"),
      cluster("approve certificates", "update", "certificates.k8s.io", "certificatesigningrequests", "approval"),
      cluster("write admission webhooks", "create", "admissionregistration.k8s.io",
          "mutatingwebhookconfigurations", ""),
      cluster("write admission webhooks", "create", "admissionregistration.k8s.io",
          "validatingwebhookconfigurations", ""),
      cluster("create persistent volumes", "create", "", "persistentvolumes", ""));

  private RiskyPermissions() {}

  private static Risky ns(String label, String verb, String group, String resource, String sub) {
    return new Risky(label, Request.resource(verb, group, resource, sub, "x", ""), false);
  }

  private static Risky cluster(String label, String verb, String group, String resource, String sub) {
    return new Risky(label, Request.resource(verb, group, resource, sub, "", ""), true);
  }

  /** What the held rules allow that is rated high or critical, as short labels in catalogue order. */
  static List<String> of(List<ServiceAccountGrants.Held> held) {
    Set<String> out = new LinkedHashSet<>();
    for (ServiceAccountGrants.Held h : held) {
      out.addAll(of(List.of(h.grant().policyRule()), h.scope() == null));
    }
    return RISKY.stream().map(Risky::label).distinct().filter(out::contains).toList();
  }

  /**
   * What these rules allow that is rated high or critical, in catalogue order.
   *
   * @param clusterWide granted by a ClusterRoleBinding; through a RoleBinding, cluster-scoped resources grant nothing
   */
  static List<String> of(List<PolicyRule> rules, boolean clusterWide) {
    Set<String> out = new LinkedHashSet<>();
    for (Risky r : RISKY) {
      if (!clusterWide && r.clusterScoped()) {
        continue;
      }
      for (PolicyRule rule : rules) {
        if (RuleMatcher.matches(rule, r.request())) {
          out.add(r.label());
          break;
        }
      }
    }
    return List.copyOf(out);
  }
}

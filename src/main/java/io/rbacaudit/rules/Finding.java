package io.rbacaudit.rules;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import java.util.List;
import java.util.Objects;

/**
 * One finding: a rule, what it is about, where it applies and why.
 *
 * @param subject what the finding is about (DESIGN.md section 5): the identity (User, Group, ServiceAccount) for
 *     permission findings, the role for role-level and latent findings, the binding for binding findings, the
 *     workload for workload findings, the Secret for legacy token Secrets
 * @param namespace the scope of the grant: a namespace, or null for cluster-wide
 * @param key what distinguishes this finding from another of the same rule, subject and scope (the permission that
 *     triggered it, or the object); part of the fingerprint, so it must not depend on file names or line numbers
 * @param location where to fix it: the binding for a permission finding, the object for the others
 * @param relatedLocations further places worth showing (the role rules that grant the permission)
 * @param workloads the workloads that run as the subject (and so hold its token)
 * @param latent a role nothing binds yet: whoever binds it later gets this
 * @param defaultPolicy raised only by unchanged Kubernetes defaults or control-plane identities: the standard
 *     exclude preset skips it (and counts it)
 * @param path the steps of an escalation path (RBAC-701), in order; empty for every other finding
 */
public record Finding(
    RuleSpec rule,
    Severity severity,
    String message,
    ObjectRef subject,
    String namespace,
    String key,
    Location location,
    List<Location> relatedLocations,
    List<Evidence> evidence,
    List<ObjectRef> workloads,
    boolean latent,
    boolean defaultPolicy,
    List<PathHop> path) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(key, "key");
    relatedLocations = List.copyOf(relatedLocations);
    evidence = List.copyOf(evidence);
    workloads = List.copyOf(workloads);
    path = List.copyOf(path);
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  /** A finding without an escalation path: every rule but RBAC-701. */
  public Finding(RuleSpec rule, Severity severity, String message, ObjectRef subject, String namespace, String key,
      Location location, List<Location> relatedLocations, List<Evidence> evidence, List<ObjectRef> workloads,
      boolean latent, boolean defaultPolicy) {
    this(rule, severity, message, subject, namespace, key, location, relatedLocations, evidence, workloads, latent,
        defaultPolicy, List.of());
  }

  public String ruleId() {
    return rule.id();
  }
}

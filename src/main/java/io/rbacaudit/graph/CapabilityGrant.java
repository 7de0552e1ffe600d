package io.rbacaudit.graph;

import io.rbacaudit.rbac.Grant;
import io.rbacaudit.rbac.Request;
import java.util.List;
import java.util.Objects;

/**
 * A capability held through one grant.
 *
 * @param scope the namespace the grant applies to; null for a ClusterRoleBinding (every namespace and cluster-scoped
 *     requests)
 * @param names the rule's resourceNames: empty allows any name
 * @param verb the verb of the probe that the rule allows
 */
record CapabilityGrant(Capability capability, String scope, List<String> names, String verb, Capability.Target target,
    Grant grant) {

  CapabilityGrant {
    Objects.requireNonNull(capability, "capability");
    names = List.copyOf(names);
  }

  /** Whether the grant applies to a request in this namespace (null: a cluster-scoped or all-namespaces request). */
  boolean appliesIn(String namespace) {
    return scope == null || scope.equals(namespace);
  }

  /** Whether a request with this name (null: a request without a name) matches the rule's resourceNames. */
  boolean allowsName(String name) {
    return names.isEmpty() || (name != null && names.contains(name));
  }

  /** The request this grant allows, in a namespace (null: cluster-wide) and with a name (null: none). */
  Permit permit(String namespace, String name) {
    Request request = capability == Capability.ALL_URLS
        ? Request.nonResource(verb, "*")
        : Request.resource(verb, target.group(), target.resource(), target.subresource(), namespace, name);
    return new Permit(request, grant);
  }
}

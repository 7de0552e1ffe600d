package io.rbacaudit.rules.permission;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.EffectiveRule;
import io.rbacaudit.rbac.Request;
import io.rbacaudit.rbac.RoleId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The words of permission findings: subjects, roles, objects and requests as a reviewer reads them. */
final class PermissionText {

  private static final String ALL = "*";
  private static final int MAX_RESOURCES = 6;
  private static final String NAMED = "\u0000named";

  private PermissionText() {}

  /** {@code ServiceAccount monitoring/metrics-agent}, {@code Group system:authenticated}. */
  static String subject(Subject s) {
    return s.kind().kubeName() + " " + (s.namespace() == null ? "" : s.namespace() + "/") + s.name();
  }

  static String role(Role r) {
    return r.kind().kubeName() + " " + (r.namespace() == null ? "" : r.namespace() + "/") + r.name();
  }

  /** {@code ClusterRole edit (built-in)}. */
  static String role(RoleId r) {
    return r.kind().kubeName() + " " + (r.namespace() == null ? "" : r.namespace() + "/") + r.name()
        + (r.builtIn() ? " (built-in)" : "");
  }

  /** {@code RoleBinding shop/default-edit}. */
  static String object(ObjectRef o) {
    return o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name();
  }

  /** A rule as written: {@code verbs [get, list], apiGroups [""], resources [secrets]}. */
  static String rule(EffectiveRule rule) {
    PolicyRule r = rule.rule();
    StringBuilder sb = new StringBuilder("verbs ").append(list(r.verbs()));
    if (!r.apiGroups().isEmpty() || !r.resources().isEmpty()) {
      sb.append(", apiGroups ").append(list(r.apiGroups())).append(", resources ").append(list(r.resources()));
    }
    if (!r.resourceNames().isEmpty()) {
      sb.append(", resourceNames ").append(list(r.resourceNames()));
    }
    if (!r.nonResourceURLs().isEmpty()) {
      sb.append(", nonResourceURLs ").append(list(r.nonResourceURLs()));
    }
    return sb.toString();
  }

  private static String list(List<String> values) {
    List<String> shown = values.stream().map(v -> v.isEmpty() ? "\"\"" : v).toList();
    return "[" + String.join(", ", shown) + "]";
  }

  /**
   * The requests a subject holds, grouped: {@code get, list and watch secrets},
   * {@code delete pods and update nodes}, {@code use every verb on every resource of every API group}.
   */
  static String requests(List<ScopedRequest> requests) {
    Set<Request> nameless = new java.util.HashSet<>();
    for (ScopedRequest r : requests) {
      if (r.request().name().isEmpty()) {
        nameless.add(r.request());
      }
    }
    Map<String, Set<String>> verbsByResource = new LinkedHashMap<>();
    Map<String, Set<String>> namesByResource = new LinkedHashMap<>();
    for (ScopedRequest r : requests) {
      Request q = r.request();
      if (!q.name().isEmpty()
          && nameless.contains(Request.resource(q.verb(), q.apiGroup(), q.resource(), q.subresource(), "", ""))) {
        continue; // "update configmaps" already says it
      }
      // Named and nameless requests of one resource are described apart: "create configmaps and update configmaps
      // named aws-auth".
      String base = resource(Request.resource(q.verb(), q.apiGroup(), q.resource(), q.subresource(), "", ""))
          + (q.name().isEmpty() ? "" : NAMED);
      verbsByResource.computeIfAbsent(base, k -> new LinkedHashSet<>()).add(q.verb());
      Set<String> names = namesByResource.computeIfAbsent(base, k -> new LinkedHashSet<>());
      if (!q.name().isEmpty()) {
        names.add(q.name());
      }
    }
    Map<String, List<String>> resourcesByVerbs = new LinkedHashMap<>();
    verbsByResource.forEach((resource, verbs) -> {
      Set<String> names = namesByResource.get(resource);
      String label = names.isEmpty() ? resource
          : resource.substring(0, resource.length() - NAMED.length()) + " named " + joinOr(new ArrayList<>(names));
      resourcesByVerbs.computeIfAbsent(verbs(verbs), k -> new ArrayList<>()).add(label);
    });
    List<String> phrases = new ArrayList<>();
    resourcesByVerbs.forEach((verbs, resources) ->
        phrases.add(verbs + " " + joinAnd(capped(resources, MAX_RESOURCES, "resources"))));
    return joinAnd(phrases);
  }

  private static String verbs(Set<String> verbs) {
    return verbs.contains(ALL) ? "use every verb on" : joinAnd(new ArrayList<>(verbs));
  }

  /** {@code secrets}, {@code deployments.apps}, {@code pods/exec}, {@code configmaps named aws-auth}. */
  static String resource(Request r) {
    String group = r.apiGroup();
    String text;
    if (r.resource().equals(ALL)) {
      text = group.isEmpty() ? "every core resource"
          : group.equals(ALL) ? "every resource of every API group" : "every resource of API group " + group;
      if (!r.subresource().isEmpty()) {
        text = "the " + r.subresource() + " subresource of " + text;
      }
    } else {
      String qualified = group.isEmpty() ? r.resource()
          : group.equals(ALL) ? r.resource() + " (any API group)" : r.resource() + "." + group;
      text = r.subresource().isEmpty() ? qualified : qualified + "/" + r.subresource();
    }
    return r.name().isEmpty() ? text : text + " named " + r.name();
  }

  /** {@code a}, {@code a or b}, {@code a, b or c}. */
  static String joinOr(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  static String joinAnd(List<String> items) {
    if (items.size() <= 1) {
      return items.isEmpty() ? "" : items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
  }

  /** The first {@code max} items, then {@code "N more <noun>"}. */
  static List<String> capped(List<String> items, int max, String noun) {
    if (items.size() <= max) {
      return items;
    }
    List<String> out = new ArrayList<>(items.subList(0, max));
    out.add((items.size() - max) + " more " + noun);
    return out;
  }
}

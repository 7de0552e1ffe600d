package io.rbacaudit.rules.permission;

import io.rbacaudit.rbac.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the {@code permission} template's params into a {@link PermissionPattern}, collecting every problem as
 * {@code params.<field>: what is wrong}.
 */
final class PatternReader {

  static final Set<String> TOP_KEYS = Set.of("anyOf", "allOf", "namespaces");
  static final List<String> REQUEST_KEYS = List.of("verbs", "apiGroups", "resources", "resourceNames");
  private static final Pattern RESOURCE = Pattern.compile("[^/\\s]+(/[^/\\s]+)?");
  private static final Pattern WORD = Pattern.compile("\\S+");

  private final List<String> problems = new ArrayList<>();

  List<String> problems() {
    return problems;
  }

  /** The pattern, or null when the params have problems. */
  PermissionPattern read(Map<String, Object> params) {
    for (String key : new TreeSet<>(params.keySet())) {
      if (!TOP_KEYS.contains(key)) {
        problem("params." + key, "unknown parameter; the permission template takes anyOf or allOf, and namespaces");
      }
    }
    boolean any = params.containsKey("anyOf");
    boolean all = params.containsKey("allOf");
    if (any == all) {
      problem("params", "give exactly one of anyOf (flag any one request) or allOf (a list of anyOf groups that "
          + "must all hold in one scope)");
      return null;
    }
    List<ScopedRequest> requests = new ArrayList<>();
    int groups;
    if (any) {
      groups = 1;
      group(params.get("anyOf"), "params.anyOf", 0, requests);
    } else {
      List<?> list = list(params.get("allOf"), "params.allOf");
      groups = list == null ? 0 : list.size();
      if (list != null && list.size() < 2) {
        problem("params.allOf", "needs at least two groups; use anyOf for one");
      }
      for (int g = 0; list != null && g < list.size(); g++) {
        group(list.get(g), "params.allOf[" + g + "]", g, requests);
      }
    }
    Set<String> namespaces = null;
    if (params.containsKey("namespaces")) {
      List<String> ns = strings(params.get("namespaces"), "params.namespaces", false);
      namespaces = ns == null ? null : new TreeSet<>(ns);
      for (ScopedRequest r : requests) {
        if (r.scope() != ResourceScopes.Scope.NAMESPACED && r.scope() != ResourceScopes.Scope.UNKNOWN) {
          problem("params.namespaces", r.request().combinedResource() + " is cluster-scoped, so namespaces cannot apply");
          break;
        }
      }
    }
    return problems.isEmpty() ? new PermissionPattern(requests, groups, namespaces) : null;
  }

  private void group(Object value, String path, int group, List<ScopedRequest> out) {
    List<?> items = list(value, path);
    for (int i = 0; items != null && i < items.size(); i++) {
      request(items.get(i), path + "[" + i + "]", group, out);
    }
  }

  /** One {verbs, apiGroups, resources[, resourceNames]} item: every combination is one request. */
  private void request(Object value, String path, int group, List<ScopedRequest> out) {
    if (!(value instanceof Map<?, ?> map)) {
      problem(path, "must be a mapping with verbs, apiGroups and resources");
      return;
    }
    for (Object key : map.keySet()) {
      if (!REQUEST_KEYS.contains(String.valueOf(key))) {
        problem(path + "." + key, "unknown key; a request has " + String.join(", ", REQUEST_KEYS));
      }
    }
    List<String> verbs = words(map, path, "verbs");
    List<String> groups = strings(map.get("apiGroups"), path + ".apiGroups", true);
    List<String> resources = strings(map.get("resources"), path + ".resources", false);
    List<String> names = map.containsKey("resourceNames") ? words(map, path, "resourceNames") : List.of("");
    if (verbs == null || groups == null || resources == null || names == null) {
      return;
    }
    Set<ScopedRequest> unique = new LinkedHashSet<>();
    for (String resource : resources) {
      if (!RESOURCE.matcher(resource).matches()) {
        problem(path + ".resources", "'" + resource + "' is not a resource or resource/subresource");
        continue;
      }
      int slash = resource.indexOf('/');
      String res = slash < 0 ? resource : resource.substring(0, slash);
      String sub = slash < 0 ? "" : resource.substring(slash + 1);
      for (String apiGroup : groups) {
        ResourceScopes.Scope scope = ResourceScopes.of(apiGroup, res);
        for (String verb : verbs) {
          for (String name : names) {
            Request r = Request.resource(verb, apiGroup, res, sub, "", name);
            unique.add(new ScopedRequest(r, group, scope));
          }
        }
      }
    }
    out.addAll(unique);
  }

  private List<String> words(Map<?, ?> map, String path, String key) {
    List<String> values = strings(map.get(key), path + "." + key, false);
    if (values != null) {
      for (String v : List.copyOf(values)) {
        if (!WORD.matcher(v).matches()) {
          problem(path + "." + key, "'" + v + "' must be one word without spaces");
          values = null;
        }
      }
    }
    return values;
  }

  /** A non-empty list of strings; {@code allowEmptyStrings} for apiGroups, where "" is the core group. */
  private List<String> strings(Object value, String path, boolean allowEmptyStrings) {
    List<?> list = list(value, path);
    if (list == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s) || (!allowEmptyStrings && s.isEmpty())) {
        problem(path, "must be a list of " + (allowEmptyStrings ? "strings (\"\" is the core group)" : "non-empty strings")
            + "; quote values YAML would read otherwise (\"yes\", \"on\", numbers)");
        return null;
      }
      out.add(s);
    }
    return out;
  }

  private List<?> list(Object value, String path) {
    if (value == null) {
      problem(path, "missing (required): a non-empty list");
      return null;
    }
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      problem(path, "must be a non-empty list");
      return null;
    }
    return list;
  }

  private void problem(String path, String message) {
    problems.add(path + ": " + message);
  }
}

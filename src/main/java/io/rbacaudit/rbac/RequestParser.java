package io.rbacaudit.rbac;

import io.rbacaudit.rbac.ResourceTable.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses VERB and {@code TYPE[.GROUP][/NAME]} or {@code /NON/RESOURCE/URL} as {@code kubectl auth can-i} does, with
 * the flags of DESIGN.md section 5 ({@code --api-group}, {@code --subresource}, {@code -n}, {@code -A}).
 *
 * <p>Where this differs from kubectl it follows DESIGN.md: an unknown TYPE without a group is an error (kubectl warns
 * and sends it as written), and {@code -n} is dropped for cluster-scoped types (kubectl warns and sends it). A named
 * namespace ({@code namespaces/foo}) carries namespace {@code foo}, as the API server gives a real request for it.
 */
public final class RequestParser {

  /**
   * The request to decide, and what the user should hear about how their words were read.
   *
   * @param clusterScoped the TYPE is a cluster-scoped resource of the table, or a non-resource URL: {@code -n} does
   *     not apply to it (false for namespaced, custom, {@code *} and {@code --api-group} types)
   * @param note one line of remarks, e.g. "-n ignored: nodes are cluster-scoped", or null
   */
  public record Parsed(Request request, boolean clusterScoped, String note) {
    public Parsed {
      Objects.requireNonNull(request, "request");
    }
  }

  static final String DEFAULT_NAMESPACE = "default";
  private static final String ALL = "*";
  private static final Pattern VERSION = Pattern.compile("v[1-9][0-9]*((alpha|beta)[1-9][0-9]*)?");
  // kubectl warns about verbs outside these lists (cani.go); RBAC itself accepts any verb.
  private static final Set<String> RESOURCE_VERBS = Set.of(
      "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", "use", "bind",
      "impersonate", "*", "approve", "sign", "escalate", "attest");
  private static final Set<String> NON_RESOURCE_VERBS =
      Set.of("get", "put", "post", "head", "options", "delete", "patch", "*");

  /** What a TYPE word resolved to; {@code entry} is null when the table does not know it. */
  private record Target(String resource, String group, Entry entry) {}

  private RequestParser() {}

  /**
   * @param apiGroup value of --api-group, null when not given ({@code ""} = core group)
   * @param subresource value of --subresource, null or empty when not given
   * @param namespace value of -n, null when not given
   * @param allNamespaces -A
   * @throws RequestSyntaxException with a one-line message for an unknown TYPE without a group, -n together with -A,
   *     an empty -n, a malformed TYPE, --subresource or --api-group with a non-resource URL, an empty VERB or TYPE
   */
  public static Parsed parse(
      String verb,
      String type,
      String apiGroup,
      String subresource,
      String namespace,
      boolean allNamespaces,
      ResourceTable table) {
    Objects.requireNonNull(table, "table");
    checkWords(verb, type);
    checkNamespaceFlags(namespace, allNamespaces);
    String sub = subresource == null ? "" : subresource;
    List<String> notes = new ArrayList<>();
    if (type.startsWith("/")) {
      return nonResource(verb, type, apiGroup, sub, namespace, allNamespaces, notes);
    }
    noteUnknownVerb(verb, RESOURCE_VERBS, notes);
    int slash = type.indexOf('/');
    String word = slash < 0 ? type : type.substring(0, slash);
    String name = slash < 0 ? "" : type.substring(slash + 1);
    if (apiGroup != null) {
      return explicitGroup(verb, word, apiGroup, sub, name, namespace, allNamespaces, notes);
    }
    Target target = resolve(word, table, notes);
    noteNameLooksLikeSubresource(target, name, sub, notes);
    Entry entry = target.entry();
    boolean clusterScoped = entry != null && !entry.namespaced();
    String ns = namespaceFor(target, name, namespace, allNamespaces, notes);
    Request request = Request.resource(verb, target.group(), target.resource(), sub, ns, name);
    return new Parsed(request, clusterScoped, joined(notes));
  }

  private static void checkWords(String verb, String type) {
    if (verb == null || verb.isBlank()) {
      throw new RequestSyntaxException(
          "VERB is empty: give an API verb such as get, list or create, or '*' for every verb");
    }
    if (type == null || type.isEmpty()) {
      throw new RequestSyntaxException(
          "TYPE is empty: give a resource type such as pods or deployments.apps, or a non-resource URL such as"
              + " /healthz");
    }
  }

  private static void checkNamespaceFlags(String namespace, boolean allNamespaces) {
    if (namespace != null && allNamespaces) {
      throw new RequestSyntaxException(
          "-n and -A cannot be used together: -n NS checks one namespace, -A checks across all namespaces");
    }
    if (namespace != null && namespace.isEmpty()) {
      throw new RequestSyntaxException("-n needs a namespace name; use -A to check across all namespaces");
    }
  }

  private static Parsed nonResource(
      String verb, String path, String apiGroup, String sub, String namespace, boolean all, List<String> notes) {
    if (!sub.isEmpty()) {
      throw new RequestSyntaxException("--subresource cannot be used with a non-resource URL (" + path + ")");
    }
    if (apiGroup != null) {
      throw new RequestSyntaxException("--api-group cannot be used with a non-resource URL (" + path + ")");
    }
    noteUnknownVerb(verb, NON_RESOURCE_VERBS, notes);
    if (namespace != null) {
      notes.add("-n ignored: non-resource URLs have no namespace");
    }
    if (all) {
      notes.add("-A ignored: non-resource URLs have no namespace");
    }
    return new Parsed(Request.nonResource(verb, path), true, joined(notes));
  }

  /** --api-group skips the table: resource and namespace exactly as given. */
  private static Parsed explicitGroup(
      String verb, String word, String apiGroup, String sub, String name, String namespace, boolean all,
      List<String> notes) {
    if (word.contains(".")) {
      notes.add("resource \"" + word + "\" used exactly as written: with --api-group, TYPE is not split into"
          + " TYPE.GROUP");
    }
    String ns = all ? "" : namespace != null ? namespace : DEFAULT_NAMESPACE;
    Request request = Request.resource(verb, apiGroup, word, sub, ns, name);
    return new Parsed(request, false, joined(notes));
  }

  /**
   * TYPE, TYPE.GROUP or TYPE.VERSION.GROUP, lower-cased as kubectl does. Like kubectl, a second segment that looks
   * like an API version is tried as one first ({@code deployments.v1.apps}), then the whole rest as the group.
   */
  private static Target resolve(String word, ResourceTable table, List<String> notes) {
    if (word.equals(ALL)) {
      return new Target(ALL, "", null);
    }
    String lower = word.toLowerCase(Locale.ROOT);
    String[] parts = lower.split("\\.", -1);
    for (String part : parts) {
      if (part.isEmpty()) {
        throw new RequestSyntaxException("malformed TYPE \"" + word
            + "\": expected TYPE, TYPE.GROUP or TYPE.VERSION.GROUP, e.g. pods, deployments.apps, deployments.v1.apps");
      }
    }
    String resource = parts[0];
    if (parts.length == 1) {
      Entry entry = table.lookup(resource, null)
          .orElseThrow(() -> new RequestSyntaxException(unknownTypeMessage(word, lower, table)));
      return new Target(entry.resource(), entry.group(), entry);
    }
    String group = lower.substring(resource.length() + 1);
    if (parts.length >= 3 && VERSION.matcher(parts[1]).matches()) {
      String afterVersion = group.substring(parts[1].length() + 1);
      Optional<Entry> versioned = table.lookup(resource, afterVersion);
      if (versioned.isPresent()) {
        return target(versioned.get());
      }
      return table.lookup(resource, group).map(RequestParser::target)
          .orElseGet(() -> custom(resource, afterVersion, table, notes));
    }
    return table.lookup(resource, group).map(RequestParser::target)
        .orElseGet(() -> custom(resource, group, table, notes));
  }

  private static Target target(Entry entry) {
    return new Target(entry.resource(), entry.group(), entry);
  }

  /** A TYPE with a group the table does not know: a custom resource, taken as written and assumed namespaced. */
  private static Target custom(String resource, String group, ResourceTable table, List<String> notes) {
    if (!resource.equals(ALL)) {
      String note = "\"" + resource + "\" in group \"" + group + "\" is not a built-in type: taken as written and"
          + " assumed namespaced";
      Optional<Entry> elsewhere = table.lookup(resource, null);
      notes.add(elsewhere.map(e -> note + " (did you mean " + e.qualifiedName() + "?)").orElse(note));
    }
    return new Target(resource, group, null);
  }

  private static String namespaceFor(
      Target target, String name, String namespace, boolean all, List<String> notes) {
    Entry entry = target.entry();
    if (entry != null && isNamespaceObject(entry) && !name.isEmpty()) {
      // GET /api/v1/namespaces/NAME is decided with namespace NAME (spec/rbac-semantics.md section 7).
      if ((namespace != null && !namespace.equals(name)) || all) {
        notes.add((all ? "-A" : "-n") + " ignored: a request for namespace " + name + " is made in namespace "
            + name);
      }
      return name;
    }
    if (entry != null && !entry.namespaced()) {
      if (namespace != null) {
        notes.add("-n ignored: " + entry.resource() + " are cluster-scoped");
      }
      return "";
    }
    return all ? "" : namespace != null ? namespace : DEFAULT_NAMESPACE;
  }

  private static boolean isNamespaceObject(Entry entry) {
    return entry.group().isEmpty() && entry.resource().equals("namespaces");
  }

  private static void noteNameLooksLikeSubresource(Target target, String name, String sub, List<String> notes) {
    Entry entry = target.entry();
    if (entry != null && sub.isEmpty() && entry.subresources().contains(name)) {
      notes.add("\"" + name + "\" is read as the name of one of the " + entry.resource() + ", as kubectl does; for"
          + " the subresource use --subresource " + name);
    }
  }

  private static void noteUnknownVerb(String verb, Set<String> known, List<String> notes) {
    if (!known.contains(verb)) {
      notes.add("verb \"" + verb + "\" is not a known verb (verbs are case-sensitive)");
    }
  }

  private static String unknownTypeMessage(String word, String lower, ResourceTable table) {
    StringBuilder message = new StringBuilder("unknown resource type \"").append(word).append('"');
    List<String> close = TypeSuggestions.closeTo(lower, table);
    if (!close.isEmpty()) {
      message.append(" (did you mean ").append(String.join(", ", close)).append("?)");
    }
    return message.append(": not a built-in Kubernetes resource; for a custom resource give its group as ")
        .append(lower).append(".GROUP (e.g. ").append(lower).append(".example.com) or use --api-group GROUP")
        .toString();
  }

  private static String joined(List<String> notes) {
    return notes.isEmpty() ? null : RequestSyntaxException.oneLine(String.join("; ", notes));
  }
}

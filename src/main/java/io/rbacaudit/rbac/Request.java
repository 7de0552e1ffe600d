package io.rbacaudit.rbac;

import java.util.Objects;

/**
 * The full request tuple the authorizer decides on. A resource request has {@code path == null}; a non-resource
 * request has a path and empty resource fields and namespace. Empty strings mean "none" ({@code apiGroup ""} is the
 * core group); nothing is null except {@code path} on a resource request.
 */
public record Request(
    String verb,
    String apiGroup,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  public Request {
    Objects.requireNonNull(verb, "verb");
    apiGroup = apiGroup == null ? "" : apiGroup;
    resource = resource == null ? "" : resource;
    subresource = subresource == null ? "" : subresource;
    namespace = namespace == null ? "" : namespace;
    name = name == null ? "" : name;
    if (path != null && !(resource.isEmpty() && namespace.isEmpty())) {
      throw new IllegalArgumentException("a non-resource request has no resource or namespace");
    }
  }

  public static Request resource(
      String verb, String apiGroup, String resource, String subresource, String namespace, String name) {
    return new Request(verb, apiGroup, resource, subresource, namespace, name, null);
  }

  public static Request nonResource(String verb, String path) {
    return new Request(verb, "", "", "", "", "", path);
  }

  public boolean isResourceRequest() {
    return path == null;
  }

  /** {@code resource} or {@code resource/subresource}: the string rules' resources are compared with. */
  public String combinedResource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  @Override
  public String toString() {
    if (!isResourceRequest()) {
      return verb + " " + path;
    }
    StringBuilder sb = new StringBuilder(verb).append(' ').append(combinedResource());
    if (!apiGroup.isEmpty()) {
      sb.append(" (group ").append(apiGroup).append(')');
    }
    if (!name.isEmpty()) {
      sb.append(" named ").append(name);
    }
    sb.append(namespace.isEmpty() ? " cluster-wide" : " in namespace " + namespace);
    return sb.toString();
  }
}

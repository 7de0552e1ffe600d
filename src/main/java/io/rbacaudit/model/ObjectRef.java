package io.rbacaudit.model;

import java.util.Objects;

/** A reference to any object by kind, name and namespace (null when cluster-scoped). */
public record ObjectRef(String kind, String name, String namespace) implements Comparable<ObjectRef> {
  public ObjectRef {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  @Override
  public int compareTo(ObjectRef o) {
    int c = kind.compareTo(o.kind);
    if (c != 0) {
      return c;
    }
    c = String.valueOf(namespace).compareTo(String.valueOf(o.namespace));
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return kind + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}

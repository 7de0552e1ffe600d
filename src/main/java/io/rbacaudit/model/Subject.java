package io.rbacaudit.model;

import java.util.Objects;

/**
 * A binding subject. {@code namespace} is meaningful for ServiceAccounts only; null when absent. A ServiceAccount
 * subject inside a RoleBinding whose namespace was empty is stored with the namespace as written (null); the
 * resolver applies the RoleBinding's namespace as the authorizer does.
 */
public record Subject(SubjectKind kind, String name, String namespace) implements Comparable<Subject> {

  public Subject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    if (namespace != null && namespace.isEmpty()) {
      namespace = null;
    }
  }

  public static Subject user(String name) {
    return new Subject(SubjectKind.USER, name, null);
  }

  public static Subject group(String name) {
    return new Subject(SubjectKind.GROUP, name, null);
  }

  public static Subject serviceAccount(String namespace, String name) {
    return new Subject(SubjectKind.SERVICE_ACCOUNT, name, namespace);
  }

  /** The user name a ServiceAccount authenticates as: {@code system:serviceaccount:NS:NAME}. */
  public String serviceAccountUserName() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  @Override
  public int compareTo(Subject o) {
    int c = kind.compareTo(o.kind);
    if (c != 0) {
      return c;
    }
    c = String.valueOf(namespace).compareTo(String.valueOf(o.namespace));
    return c != 0 ? c : name.compareTo(o.name);
  }

  @Override
  public String toString() {
    return kind.kubeName() + "/" + (namespace == null ? "" : namespace + "/") + name;
  }
}

package io.rbacaudit.model;

import java.util.Optional;

/** The three subject kinds the RBAC authorizer matches; any other kind string never matches. */
public enum SubjectKind {
  USER("User"),
  GROUP("Group"),
  SERVICE_ACCOUNT("ServiceAccount");

  private final String kubeName;

  SubjectKind(String kubeName) {
    this.kubeName = kubeName;
  }

  public String kubeName() {
    return kubeName;
  }

  /** Exact, case-sensitive, as the authorizer compares it ({@code user} is not {@code User}). */
  public static Optional<SubjectKind> fromKube(String kind) {
    for (SubjectKind k : values()) {
      if (k.kubeName.equals(kind)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return kubeName;
  }
}

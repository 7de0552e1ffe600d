package io.rbacaudit.model;

public enum RoleKind {
  ROLE("Role"),
  CLUSTER_ROLE("ClusterRole");

  private final String kubeName;

  RoleKind(String kubeName) {
    this.kubeName = kubeName;
  }

  public String kubeName() {
    return kubeName;
  }

  @Override
  public String toString() {
    return kubeName;
  }
}

package io.rbacaudit.model;

public enum BindingKind {
  ROLE_BINDING("RoleBinding"),
  CLUSTER_ROLE_BINDING("ClusterRoleBinding");

  private final String kubeName;

  BindingKind(String kubeName) {
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

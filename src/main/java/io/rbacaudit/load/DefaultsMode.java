package io.rbacaudit.load;

/** Which bundled Kubernetes defaults {@code --defaults roles|all|none} adds to the inputs. */
public enum DefaultsMode {
  /** The default ClusterRoles and the few namespaced Roles, so roleRefs to them resolve. */
  ROLES,
  /** The default roles and the default bindings. */
  ALL,
  /** Nothing: the inputs as they are. */
  NONE
}

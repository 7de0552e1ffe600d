package io.rbacaudit.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bundled Kubernetes defaults and how {@code --defaults roles|all|none} adds them. */
class KubernetesDefaultsTest {

  private static final Inventory NOTHING = Inventory.empty();

  @Test
  void bundledDefaultsLoadCleanlyFromTheClasspath() {
    List<Role> roles = KubernetesDefaults.builtInRoles();
    List<Binding> bindings = KubernetesDefaults.builtInBindings();
    assertTrue(roles.size() > 60, "ClusterRoles, controller roles and namespaced Roles: " + roles.size());
    assertTrue(bindings.size() > 40, "bindings: " + bindings.size());
    assertTrue(roles.stream().allMatch(Role::builtIn));
    assertTrue(bindings.stream().allMatch(Binding::builtIn));
    assertTrue(KubernetesDefaults.apply(NOTHING, DefaultsMode.ALL).problems().isEmpty());
  }

  @Test
  void rolesModeAddsTheDefaultRolesButNoBindings() {
    Inventory inv = KubernetesDefaults.apply(NOTHING, DefaultsMode.ROLES);
    for (String name : List.of("cluster-admin", "admin", "edit", "view")) {
      Role role = clusterRole(inv, name).orElseThrow(() -> new AssertionError(name));
      assertTrue(role.builtIn(), name);
    }
    assertTrue(inv.bindings().isEmpty());
    assertTrue(inv.roles().stream().anyMatch(r -> r.kind() == RoleKind.ROLE && "kube-system".equals(r.namespace())));
  }

  @Test
  void defaultsKeepTheirFileAndRealLines() {
    Role clusterAdmin = clusterRole(KubernetesDefaults.apply(NOTHING, DefaultsMode.ROLES), "cluster-admin")
        .orElseThrow();
    assertEquals("builtin:kubernetes-defaults/cluster-roles.yaml", clusterAdmin.meta().location().file());
    assertEquals(17, clusterAdmin.meta().location().line());
    assertEquals(27, clusterAdmin.rules().get(0).location().line());
    assertTrue(clusterAdmin.meta().location().isBuiltIn());
  }

  @Test
  void aggregatedDefaultsCarryTheirSelectors() {
    Inventory inv = KubernetesDefaults.apply(NOTHING, DefaultsMode.ROLES);
    assertTrue(clusterRole(inv, "admin").orElseThrow().isAggregated());
    assertTrue(clusterRole(inv, "view").orElseThrow().isAggregated());
    assertFalse(clusterRole(inv, "cluster-admin").orElseThrow().isAggregated());
  }

  @Test
  void allModeAddsTheDefaultBindingsToo() {
    Inventory inv = KubernetesDefaults.apply(NOTHING, DefaultsMode.ALL);
    Binding b = inv.bindings().stream().filter(x -> x.name().equals("cluster-admin")).findFirst().orElseThrow();
    assertTrue(b.builtIn());
    assertEquals("system:masters", b.subjects().get(0).name());
    assertTrue(inv.bindings().stream().anyMatch(x -> x.namespace() != null), "namespaced default RoleBindings");
  }

  @Test
  void noneModeReturnsTheInventoryUnchanged() {
    Inventory inputs = Loads.text("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: a}\n");
    assertSame(inputs, KubernetesDefaults.apply(inputs, DefaultsMode.NONE));
  }

  @Test
  void anInputObjectWinsOverTheBuiltInOfTheSameKindNamespaceAndName() {
    Inventory inputs = Loads.text("""
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: view}
        rules: [{apiGroups: ["*"], resources: ["*"], verbs: ["*"]}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: cluster-admin}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
        subjects: [{kind: Group, name: everyone}]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: view, namespace: team}
        """);
    Inventory inv = KubernetesDefaults.apply(inputs, DefaultsMode.ALL);
    List<Role> views = inv.roles().stream().filter(r -> r.name().equals("view")).toList();
    assertEquals(2, views.size(), "the input ClusterRole and the unrelated namespaced Role");
    Role view = clusterRole(inv, "view").orElseThrow();
    assertFalse(view.builtIn());
    assertFalse(view.isAggregated());
    assertEquals("*", view.rules().get(0).verbs().get(0));
    List<Binding> admins = inv.bindings().stream().filter(b -> b.name().equals("cluster-admin")).toList();
    assertEquals(1, admins.size());
    assertEquals("everyone", admins.get(0).subjects().get(0).name());
    assertTrue(clusterRole(inv, "edit").orElseThrow().builtIn());
    assertEquals(inputs.sources(), inv.sources());
  }

  private static Optional<Role> clusterRole(Inventory inv, String name) {
    return inv.roles().stream().filter(r -> r.kind() == RoleKind.CLUSTER_ROLE && r.name().equals(name)).findFirst();
  }
}

package io.rbacaudit.rules;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Subject;
import io.rbacaudit.rbac.Covers;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Tells an unchanged Kubernetes default role or binding from one that was changed (DESIGN.md section 6). Clusters
 * run many Kubernetes versions whose defaults differ in detail, so a default is recognised by its name, the
 * {@code kubernetes.io/bootstrapping: rbac-defaults} label, and (bindings) its roleRef and subjects matching the
 * shipped ones, or (roles) granting no more than the shipped copy; not by its rules matching one release exactly.
 */
public final class DefaultPolicy {

  public static final String BOOTSTRAP_LABEL = "kubernetes.io/bootstrapping";
  public static final String BOOTSTRAP_VALUE = "rbac-defaults";

  private final Map<String, Role> shippedRoles = new HashMap<>();
  private final Map<String, Binding> shippedBindings = new HashMap<>();

  public DefaultPolicy(List<Role> shippedRoles, List<Binding> shippedBindings) {
    for (Role r : shippedRoles) {
      this.shippedRoles.put(r.ref().toString(), r);
    }
    for (Binding b : shippedBindings) {
      this.shippedBindings.put(b.ref().toString(), b);
    }
  }

  /** The shipped default of the same kind, namespace and name, if Kubernetes has one. */
  public Role shippedRole(Role role) {
    return shippedRoles.get(role.ref().toString());
  }

  public Binding shippedBinding(Binding binding) {
    return shippedBindings.get(binding.ref().toString());
  }

  /** A built-in added by --defaults, or an input role that is a default Kubernetes ships, granting no more. */
  public boolean isUnchangedDefault(Role role) {
    if (role.builtIn()) {
      return true;
    }
    Role shipped = shippedRole(role);
    if (shipped == null || !labelled(role.meta())) {
      return false;
    }
    if (shipped.isAggregated() || role.isAggregated()) {
      return shipped.isAggregated() && role.isAggregated()
          && new HashSet<>(shipped.aggregationSelectors()).equals(new HashSet<>(role.aggregationSelectors()));
    }
    return Covers.covers(shipped.rules(), role.rules());
  }

  /** A built-in added by --defaults, or an input binding with a shipped default's name, roleRef and subjects. */
  public boolean isUnchangedDefault(Binding binding) {
    if (binding.builtIn()) {
      return true;
    }
    Binding shipped = shippedBinding(binding);
    if (shipped == null || !labelled(binding.meta())) {
      return false;
    }
    return shipped.roleRef().kind().equals(binding.roleRef().kind())
        && shipped.roleRef().name().equals(binding.roleRef().name())
        && new HashSet<Subject>(shipped.subjects()).equals(new HashSet<>(binding.subjects()));
  }

  private static boolean labelled(ObjectMeta meta) {
    return BOOTSTRAP_VALUE.equals(meta.labels().get(BOOTSTRAP_LABEL));
  }
}

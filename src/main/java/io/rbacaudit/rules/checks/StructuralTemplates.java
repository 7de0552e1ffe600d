package io.rbacaudit.rules.checks;

import io.rbacaudit.rules.Template;
import java.util.List;

/** The structural templates (RBAC-102 to 111, RBAC-601 to 610), for the {@code Templates} registry. */
public final class StructuralTemplates {

  private StructuralTemplates() {}

  public static List<Template> all() {
    return List.of(
        new WildcardRuleCheck(),
        new BroadIdentityGrantCheck(),
        new BindingSubjectCheck(),
        new DanglingRoleRefCheck(),
        new DanglingSubjectCheck(),
        new UnusedRoleCheck(),
        new BoundRoleCheck(),
        new RedefinedDefaultRoleCheck(),
        new IneffectiveGrantCheck(),
        new DefaultServiceAccountGrantCheck(),
        new DefaultServiceAccountWorkloadCheck(),
        new ServiceAccountAutomountCheck(),
        new UnneededTokenCheck(),
        new LegacyTokenSecretCheck(),
        new MountedTokenSecretCheck(),
        new PrivilegedServiceAccountCheck(),
        new MissingServiceAccountCheck(),
        new DeprecatedServiceAccountFieldCheck());
  }
}

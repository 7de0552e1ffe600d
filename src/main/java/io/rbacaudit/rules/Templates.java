package io.rbacaudit.rules;

import io.rbacaudit.rules.checks.BindingSubjectCheck;
import io.rbacaudit.rules.checks.BoundRoleCheck;
import io.rbacaudit.rules.checks.BroadIdentityGrantCheck;
import io.rbacaudit.rules.checks.DanglingRoleRefCheck;
import io.rbacaudit.rules.checks.DanglingSubjectCheck;
import io.rbacaudit.rules.checks.DefaultServiceAccountGrantCheck;
import io.rbacaudit.rules.checks.DefaultServiceAccountWorkloadCheck;
import io.rbacaudit.rules.checks.DeprecatedServiceAccountFieldCheck;
import io.rbacaudit.rules.checks.EscalationPathTemplate;
import io.rbacaudit.rules.checks.IneffectiveGrantCheck;
import io.rbacaudit.rules.checks.LegacyTokenSecretCheck;
import io.rbacaudit.rules.checks.MissingServiceAccountCheck;
import io.rbacaudit.rules.checks.MountedTokenSecretCheck;
import io.rbacaudit.rules.checks.PrivilegedServiceAccountCheck;
import io.rbacaudit.rules.checks.RedefinedDefaultRoleCheck;
import io.rbacaudit.rules.checks.ServiceAccountAutomountCheck;
import io.rbacaudit.rules.checks.UnneededTokenCheck;
import io.rbacaudit.rules.checks.UnusedRoleCheck;
import io.rbacaudit.rules.checks.WildcardRuleCheck;
import io.rbacaudit.rules.permission.PermissionTemplate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in templates, listed explicitly (STYLE.md: never found by classpath scanning). A rule names one in
 * {@code template:}.
 */
public final class Templates {

  // One entry per line, in alphabetical order of the template name.
  private static final Template[] BUILT_IN = {
    new BindingSubjectCheck(), // binding-subject
    new BoundRoleCheck(), // bound-to-role
    new BroadIdentityGrantCheck(), // broad-identity-grant
    new RedefinedDefaultRoleCheck(), // builtin-role-redefined
    new DanglingRoleRefCheck(), // dangling-role-ref
    new DanglingSubjectCheck(), // dangling-subject
    new DefaultServiceAccountGrantCheck(), // default-sa-grant
    new DefaultServiceAccountWorkloadCheck(), // default-sa-workload
    new DeprecatedServiceAccountFieldCheck(), // deprecated-sa-field
    new EscalationPathTemplate(), // escalation-path
    new IneffectiveGrantCheck(), // ineffective-grant
    new LegacyTokenSecretCheck(), // legacy-token-secret
    new MissingServiceAccountCheck(), // missing-sa
    new MountedTokenSecretCheck(), // mounted-token-secret
    new PermissionTemplate(), // permission
    new PrivilegedServiceAccountCheck(), // privileged-sa-workload
    new ServiceAccountAutomountCheck(), // sa-automount
    new UnneededTokenCheck(), // unneeded-token
    new UnusedRoleCheck(), // unused-role
    new WildcardRuleCheck(), // wildcard-rule
  };

  private static final Map<String, Template> BY_NAME = index();

  private Templates() {}

  /** Every built-in template by name, sorted by name. */
  public static Map<String, Template> builtIn() {
    return BY_NAME;
  }

  public static Optional<Template> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static Map<String, Template> index() {
    Map<String, Template> out = new TreeMap<>();
    for (Template t : BUILT_IN) {
      if (out.put(t.name(), t) != null) {
        throw new IllegalStateException("two built-in templates are named " + t.name());
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

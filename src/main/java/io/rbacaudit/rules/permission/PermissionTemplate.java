package io.rbacaudit.rules.permission;

import io.rbacaudit.rules.Check;
import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Template;

/**
 * The {@code permission} template: flags every subject whose effective permissions allow the rule's requests, with
 * the authorizer's semantics (wildcards, {@code * /sub}, aggregation, resourceNames, RoleBinding scope), and every
 * unbound role that would allow them (a latent finding). Params (DESIGN.md section 6, docs/rules.md):
 *
 * <pre>
 * anyOf:                        # flagged when the subject may do any one of these requests
 * - verbs: [get, list, watch]   # each verb x group x resource (x name) is one request
 *   apiGroups: [""]
 *   resources: [secrets]        # "pods/exec" = resource pods, subresource exec
 *   resourceNames: [aws-auth]   # optional: the requests carry these names (default: no name)
 * allOf:                        # instead of anyOf: groups that must all hold in one scope
 * - [ {verbs: [delete], apiGroups: [""], resources: [pods]} ]
 * - [ {verbs: [update], apiGroups: [""], resources: [nodes]} ]
 * namespaces: [kube-system]     # optional: only requests in these namespaces count
 * </pre>
 */
public final class PermissionTemplate implements Template {

  public static final String NAME = "permission";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Check compile(RuleSpec spec) {
    PatternReader reader = new PatternReader();
    PermissionPattern pattern = reader.read(spec.params());
    if (pattern == null) {
      throw new RuleDefinitionException(reader.problems());
    }
    return new PermissionCheck(spec, pattern);
  }
}

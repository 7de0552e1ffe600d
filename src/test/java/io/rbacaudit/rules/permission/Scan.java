package io.rbacaudit.rules.permission;

import io.rbacaudit.load.DataFileReader;
import io.rbacaudit.load.DefaultsMode;
import io.rbacaudit.load.KubernetesDefaults;
import io.rbacaudit.load.LoadOptions;
import io.rbacaudit.load.ManifestLoader;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.ScanContext;
import io.rbacaudit.rules.Severity;
import java.util.List;
import java.util.Map;

/** Test shorthand: one permission rule run over one manifest text. */
final class Scan {

  static final String FILE = "test.yaml";

  private Scan() {}

  /** A permission rule (high, critical cluster-wide) with these params, written as YAML. */
  static RuleSpec rule(String paramsYaml) {
    return rule(Severity.HIGH, Severity.CRITICAL, paramsYaml);
  }

  @SuppressWarnings("unchecked")
  static RuleSpec rule(Severity severity, Severity clusterWide, String paramsYaml) {
    Map<String, Object> params = (Map<String, Object>) new DataFileReader().read("params", paramsYaml).root();
    return new RuleSpec("TEST-1", "test", "Test rule", severity, clusterWide, "credentials", "d", "r",
        List.of("ref"), PermissionTemplate.NAME, params, "rules/test/TEST-1-test/rule.yaml");
  }

  static ScanContext context(String yaml, DefaultsMode defaults) {
    Inventory loaded = new ManifestLoader(LoadOptions.defaults(), null).loadText(FILE, yaml);
    List<Problem> errors = loaded.problems().stream().filter(Problem::isError).toList();
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("test manifests do not load: " + errors);
    }
    Inventory inventory = KubernetesDefaults.apply(loaded, defaults);
    return new ScanContext(inventory, new Authorizer(inventory), ResourceTable.standard(),
        KubernetesDefaults.builtInRoles(), KubernetesDefaults.builtInBindings());
  }

  static List<Finding> run(RuleSpec rule, String yaml) {
    return run(rule, yaml, DefaultsMode.ROLES);
  }

  static List<Finding> run(RuleSpec rule, String yaml, DefaultsMode defaults) {
    return new PermissionTemplate().compile(rule).run(context(yaml, defaults)).stream()
        .sorted(io.rbacaudit.rules.RuleEngine.FINDING_ORDER).toList();
  }

  /** {@code ServiceAccount/ns/name@scope} or {@code ...@-}, plus {@code latent}. */
  static List<String> summary(List<Finding> findings) {
    return findings.stream()
        .map(f -> f.subject().kind() + "/" + (f.subject().namespace() == null ? "" : f.subject().namespace() + "/")
            + f.subject().name() + "@" + (f.namespace() == null ? "-" : f.namespace()) + (f.latent() ? " latent" : ""))
        .toList();
  }

  static String role(String kind, String name, String ns, String rules) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n"
        + (ns == null ? "" : "  namespace: " + ns + "\n") + "rules:\n" + rules + "\n---\n";
  }

  static String clusterRole(String name, String rules) {
    return role("ClusterRole", name, null, rules);
  }

  static String binding(String kind, String name, String ns, String roleKind, String roleName, String subjects) {
    return "apiVersion: rbac.authorization.k8s.io/v1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n"
        + (ns == null ? "" : "  namespace: " + ns + "\n") + "roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: "
        + roleKind + "\n  name: " + roleName + "\nsubjects:\n" + subjects + "\n---\n";
  }

  static String crb(String name, String role, String subjects) {
    return binding("ClusterRoleBinding", name, null, "ClusterRole", role, subjects);
  }

  static String rb(String ns, String name, String roleKind, String role, String subjects) {
    return binding("RoleBinding", name, ns, roleKind, role, subjects);
  }

  static String sa(String ns, String name) {
    return "- kind: ServiceAccount\n  name: " + name + "\n  namespace: " + ns;
  }

  static String user(String name) {
    return "- kind: User\n  name: " + name;
  }

  static String group(String name) {
    return "- kind: Group\n  name: " + name;
  }

  static String rule(String groups, String resources, String verbs) {
    return "- apiGroups: " + groups + "\n  resources: " + resources + "\n  verbs: " + verbs;
  }
}

package io.rbacaudit.rbac;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.BindingKind;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.LabelSelector;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.PolicyRule;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.RoleRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * INTERIM, test-only: reads the RBAC kinds of the semantics fixtures into the model until
 * {@code io.rbacaudit.load.ManifestLoader} lands on main; then this class is deleted and the fixtures go through the
 * real loader. Deliberately minimal: no locations beyond the file, no validation.
 */
final class InterimManifestReader {

  private static final Path DEFAULTS = Path.of("/work/shared/spec/kubernetes-defaults");

  private InterimManifestReader() {}

  static Inventory read(String source, String yamlText, String defaults) {
    List<Role> roles = new ArrayList<>();
    List<Binding> bindings = new ArrayList<>();
    readInto(source, yamlText, false, roles, bindings);
    if (!defaults.equals("none")) {
      for (String file : List.of("cluster-roles.yaml", "namespace-roles.yaml", "controller-roles.yaml")) {
        readInto("builtin:" + file, readDefault(file), true, roles, bindings);
      }
      if (defaults.equals("all")) {
        for (String file :
            List.of("cluster-role-bindings.yaml", "namespace-role-bindings.yaml", "controller-role-bindings.yaml")) {
          readInto("builtin:" + file, readDefault(file), true, roles, bindings);
        }
      }
      // An object in the inputs wins over a built-in of the same name.
      List<Role> deduped = new ArrayList<>();
      for (Role r : roles) {
        boolean shadowed =
            r.builtIn()
                && roles.stream()
                    .anyMatch(o -> !o.builtIn() && o.kind() == r.kind() && o.name().equals(r.name())
                        && java.util.Objects.equals(o.namespace(), r.namespace()));
        if (!shadowed) {
          deduped.add(r);
        }
      }
      roles = deduped;
    }
    return new Inventory(roles, bindings, List.of(), List.of(), List.of(), List.of(), List.of(source), Map.of(), List.of());
  }

  private static String readDefault(String file) {
    try {
      return Files.readString(DEFAULTS.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void readInto(String source, String text, boolean builtIn, List<Role> roles, List<Binding> bindings) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    for (Object doc : yaml.loadAll(text)) {
      if (!(doc instanceof Map)) {
        continue;
      }
      Map<String, Object> m = (Map<String, Object>) doc;
      if ("List".equals(m.get("kind"))) {
        for (Object item : (List<Object>) m.get("items")) {
          readObject(source, (Map<String, Object>) item, builtIn, roles, bindings);
        }
      } else {
        readObject(source, m, builtIn, roles, bindings);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void readObject(
      String source, Map<String, Object> m, boolean builtIn, List<Role> roles, List<Binding> bindings) {
    String kind = (String) m.get("kind");
    Map<String, Object> md = (Map<String, Object>) m.getOrDefault("metadata", Map.of());
    ObjectMeta meta =
        new ObjectMeta(
            (String) md.get("name"),
            (String) md.get("namespace"),
            (Map<String, String>) md.get("labels"),
            null,
            Location.file(source, 0));
    switch (kind) {
      case "Role", "ClusterRole" -> {
        List<LabelSelector> selectors = null;
        if (m.get("aggregationRule") instanceof Map<?, ?> ar) {
          selectors = new ArrayList<>();
          Object sels = ar.get("clusterRoleSelectors");
          if (sels != null) {
            for (Object s : (List<Object>) sels) {
              selectors.add(selector((Map<String, Object>) s));
            }
          }
        }
        List<PolicyRule> rules = new ArrayList<>();
        Object rs = m.get("rules");
        if (rs != null) {
          for (Object r : (List<Object>) rs) {
            Map<String, Object> rm = (Map<String, Object>) r;
            rules.add(
                new PolicyRule(
                    strings(rm.get("verbs")),
                    strings(rm.get("apiGroups")),
                    strings(rm.get("resources")),
                    strings(rm.get("resourceNames")),
                    strings(rm.get("nonResourceURLs")),
                    Location.file(source, 0)));
          }
        }
        roles.add(
            new Role(kind.equals("Role") ? RoleKind.ROLE : RoleKind.CLUSTER_ROLE, meta, rules, selectors, builtIn));
      }
      case "RoleBinding", "ClusterRoleBinding" -> {
        Map<String, Object> rr = (Map<String, Object>) m.get("roleRef");
        List<Subject> subjects = new ArrayList<>();
        Object ss = m.get("subjects");
        if (ss != null) {
          for (Object s : (List<Object>) ss) {
            Map<String, Object> sm = (Map<String, Object>) s;
            Optional<SubjectKind> k = SubjectKind.fromKube((String) sm.get("kind"));
            k.ifPresent(
                subjectKind ->
                    subjects.add(new Subject(subjectKind, (String) sm.get("name"), (String) sm.get("namespace"))));
          }
        }
        bindings.add(
            new Binding(
                kind.equals("RoleBinding") ? BindingKind.ROLE_BINDING : BindingKind.CLUSTER_ROLE_BINDING,
                meta,
                new RoleRef((String) rr.get("kind"), (String) rr.get("name"), (String) rr.get("apiGroup")),
                subjects,
                builtIn));
      }
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  private static LabelSelector selector(Map<String, Object> s) {
    List<LabelSelector.Requirement> reqs = new ArrayList<>();
    Object exprs = s.get("matchExpressions");
    if (exprs != null) {
      for (Object e : (List<Object>) exprs) {
        Map<String, Object> em = (Map<String, Object>) e;
        LabelSelector.Operator op =
            switch ((String) em.get("operator")) {
              case "In" -> LabelSelector.Operator.IN;
              case "NotIn" -> LabelSelector.Operator.NOT_IN;
              case "Exists" -> LabelSelector.Operator.EXISTS;
              case "DoesNotExist" -> LabelSelector.Operator.DOES_NOT_EXIST;
              default -> throw new IllegalArgumentException("operator " + em.get("operator"));
            };
        reqs.add(new LabelSelector.Requirement((String) em.get("key"), op, strings(em.get("values"))));
      }
    }
    return new LabelSelector((Map<String, String>) s.get("matchLabels"), reqs);
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    if (o == null) {
      return List.of();
    }
    return ((List<Object>) o).stream().map(String::valueOf).toList();
  }
}

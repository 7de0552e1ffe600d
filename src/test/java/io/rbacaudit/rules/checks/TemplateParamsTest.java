package io.rbacaudit.rules.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import io.rbacaudit.rules.Template;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Templates validate their typed params in compile and report every problem at once, naming file and field. */
class TemplateParamsTest {

  private static RuleSpec spec(String template, Map<String, Object> params) {
    return new RuleSpec("RBAC-999", "test", "Test", Severity.MEDIUM, null, "bindings", "d", "r", List.of(),
        template, params, "rules/bindings/RBAC-999-test/rule.yaml");
  }

  private static List<String> problems(String template, Map<String, Object> params) {
    Template t = Scans.template(template);
    return assertThrows(RuleDefinitionException.class, () -> t.compile(spec(template, params))).problems();
  }

  @Test
  void everyProblemIsReportedAtOnceWithFileAndField() {
    List<String> p = problems("broad-identity-grant",
        Map.of("users", List.of("system:anonymous"), "groups", "system:authenticated", "lowerReadOnly", "yes",
            "colour", "red"));
    assertEquals(3, p.size(), p.toString());
    assertTrue(p.stream().allMatch(s -> s.startsWith("rules/bindings/RBAC-999-test/rule.yaml: params.")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("params.groups: expected a list of strings")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("params.lowerReadOnly: expected true or false")), p.toString());
    assertTrue(p.stream().anyMatch(s -> s.contains("params.colour: unknown parameter")), p.toString());
  }

  @Test
  void badValuesAreNamed() {
    assertTrue(problems("wildcard-rule", Map.of("fields", List.of("verbs", "names"))).get(0)
        .contains("unknown value 'names'"));
    assertTrue(problems("wildcard-rule", Map.of("fields", List.of())).get(0).contains("at least one field"));
    assertTrue(problems("dangling-role-ref", Map.of("raisedSeverity", "severe")).get(0)
        .contains("unknown severity 'severe'"));
    assertTrue(problems("privileged-sa-workload", Map.of("workloadKinds", List.of("Daemonset"))).get(0)
        .contains("unknown workload kind 'Daemonset'"));
    assertTrue(problems("unused-role", Map.of("usedLabels", List.of("novalue"))).get(0).contains("not key=value"));
    assertTrue(problems("bound-to-role", Map.of()).get(0).contains("at least one ClusterRole"));
    assertTrue(problems("binding-subject", Map.of()).get(0).contains("at least one group or user"));
    assertTrue(problems("broad-identity-grant", Map.of()).get(0).contains("at least one user, group"));
    assertTrue(problems("unneeded-token", Map.of("x", 1)).get(0).contains("(it takes none)"));
  }

  @Test
  void defaultsMakeEveryTemplateUsableWithoutParamsWhereItCanBe() {
    List<String> needParams = List.of("broad-identity-grant", "binding-subject", "bound-to-role");
    for (Template t : StructuralTemplates.all()) {
      if (!needParams.contains(t.name())) {
        t.compile(spec(t.name(), Map.of()));
      }
    }
  }

  @Test
  void templateNamesAreUniqueAndOnlyThePrivilegedWorkloadTemplateIsDerived() {
    List<Template> all = StructuralTemplates.all();
    assertEquals(all.size(), new HashSet<>(all.stream().map(Template::name).toList()).size());
    for (Template t : all) {
      assertEquals(t.name().equals("privileged-sa-workload"), t.derived(), t.name());
    }
    assertFalse(all.isEmpty());
  }
}

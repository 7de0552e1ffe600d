package io.rbacaudit.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Location;
import io.rbacaudit.rules.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file's shape is a contract (DESIGN.md section 8), read strictly with every problem reported at once. */
class ConfigFileTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void theDesignExampleReadsIntoItsValues() throws IOException {
    Path file = write("repo/.rbac-audit.yaml", """
        rules: [./my-rules]            # extra rule folders
        disable: [RBAC-108]
        enable: [RBAC-999]
        severity: {RBAC-302: medium}   # overrides
        excludePreset: standard
        suppressions:
        - rule: RBAC-101               # or "*"
          subject: {kind: ServiceAccount, namespace: flux-system, name: kustomize-controller}
          namespace: flux-system       # optional: the finding's scope
          reason: GitOps controller needs cluster-admin; reviewed by the platform team
          expires: 2027-03-31          # optional
        """);
    ConfigFile c = ConfigFile.read(file);
    assertEquals(file.toString(), c.source());
    assertEquals(List.of(dir.resolve("repo").resolve("./my-rules")), c.ruleFolders());
    assertEquals(List.of("RBAC-108"), c.disable());
    assertEquals(List.of("RBAC-999"), c.enable());
    assertEquals(Map.of("RBAC-302", Severity.MEDIUM), c.severity());
    assertEquals(ExcludePreset.STANDARD, c.excludePreset());
    assertEquals(List.of(new Suppression("RBAC-101", "ServiceAccount", "flux-system", "kustomize-controller",
        "flux-system", "GitOps controller needs cluster-admin; reviewed by the platform team",
        LocalDate.of(2027, 3, 31), Location.file(file.toString(), 7))), c.suppressions());
  }

  @Test
  void ruleFoldersOfARelativeConfigStayRelativeToItsFolder() throws IOException {
    write("sub/cfg.yaml", "rules: [extra, /abs/rules]\n");
    Path relative = dir.relativize(dir.resolve("sub/cfg.yaml"));
    ConfigFile c = ConfigFile.read(dir.resolve(relative));
    assertEquals(List.of(dir.resolve("sub/extra"), Path.of("/abs/rules")), c.ruleFolders());
  }

  @Test
  void anEmptyFileOrOneWithOnlyCommentsSetsNothing() throws IOException {
    ConfigFile c = ConfigFile.read(write("empty.yaml", "# nothing yet\n"));
    assertTrue(c.suppressions().isEmpty() && c.disable().isEmpty() && c.ruleFolders().isEmpty());
    assertNull(c.excludePreset());
  }

  @Test
  void everyProblemIsReportedAtOnceEachWithItsLine() throws IOException {
    Path file = write(".rbac-audit.yaml", """
        rules: ./my-rules
        disable: [RBAC-108, 42]
        severity: {RBAC-302: urgent, RBAC-201: high}
        excludePreset: everything
        exclude-preset: none
        suppressions:
        - rule: RBAC-101
          reason: "  "
        - rule: RBAC-201
          subject: {kind: ServiceAcount, namespace: shop, nmae: reader}
          reason: reviewed
          expires: 2027-02-30
        - rule: "*"
          reason: hide it all
        - rule: RBAC-203
          reason: yes
          expires: next year
          until: 2027-01-01
        - just a string
        """);
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> ConfigFile.read(file));
    String f = file.toString();
    assertEquals(List.of(
        f + ":1: rules: expected a list, got a string; write it as [item, ...]",
        f + ":2: disable[1]: expected a rule id (a string), got a number; put it in quotes if it is meant as text",
        f + ":3: severity.RBAC-302: unknown severity 'urgent': use critical, high, medium, low or info",
        f + ":4: excludePreset: unknown preset 'everything': use standard or none",
        f + ":5: exclude-preset: unknown key; did you mean 'excludePreset'? known keys here: rules, disable, enable,"
            + " severity, excludePreset, suppressions",
        f + ":8: suppressions[0].reason: is blank; say why this finding is accepted and who decided",
        f + ":10: suppressions[1].subject.kind: 'ServiceAcount' is not a kind findings are about: use User, Group,"
            + " ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding, Secret or a workload kind",
        f + ":10: suppressions[1].subject.nmae: unknown key; known keys here: kind, namespace, name",
        f + ":12: suppressions[1].expires: expected a date as YYYY-MM-DD (e.g. 2027-03-31), got '2027-02-30'",
        f + ":13: suppressions[2]: rule \"*\" with no subject or namespace would hide every finding: narrow it, or"
            + " use --fail-on never to turn the gate off",
        f + ":16: suppressions[3].reason: expected a reason (a string), got a boolean; put it in quotes if it is"
            + " meant as text",
        f + ":17: suppressions[3].expires: expected a date as YYYY-MM-DD (e.g. 2027-03-31), got 'next year'",
        f + ":18: suppressions[3].until: unknown key; known keys here: rule, subject, namespace, reason, expires",
        f + ":19: suppressions[4]: expected a mapping with rule, reason and selectors, got a string"),
        e.lines());
  }

  @Test
  void aSuppressionWithoutReasonOrRuleIsRejected() throws IOException {
    Path file = write("c.yaml", """
        suppressions:
        - subject: {name: reader}
        """);
    ConfigFileException e = assertThrows(ConfigFileException.class, () -> ConfigFile.read(file));
    assertEquals(List.of(
        file + ":2: suppressions[0].reason: missing; say why this finding is accepted and who decided",
        file + ":2: suppressions[0].rule: missing; write a rule id, or \"*\" in quotes"), e.lines());
  }

  @Test
  void yamlSyntaxErrorsAndDuplicateKeysAreLocated() throws IOException {
    Path bad = write("bad.yaml", "suppressions:\n- rule: *\n  reason: x\n");
    List<String> lines = assertThrows(ConfigFileException.class, () -> ConfigFile.read(bad)).lines();
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).startsWith(bad + ":2: YAML syntax error"), lines.get(0));
    Path dup = write("dup.yaml", "disable: [RBAC-108]\nseverity: {}\ndisable: [RBAC-109]\n");
    assertEquals(List.of(dup + ":3: duplicate key 'disable': keep one"),
        assertThrows(ConfigFileException.class, () -> ConfigFile.read(dup)).lines());
    Path two = write("two.yaml", "disable: []\n---\nenable: []\n");
    assertEquals(List.of(two + ":2: holds more than one YAML document: keep one (remove the '---' and merge them)"),
        assertThrows(ConfigFileException.class, () -> ConfigFile.read(two)).lines());
  }

  @Test
  void aMissingFileIsOneProblemNamingIt() {
    Path missing = dir.resolve("nope.yaml");
    assertEquals(List.of(missing + ": no such file"),
        assertThrows(ConfigFileException.class, () -> ConfigFile.read(missing)).lines());
  }

  @Test
  void aQuotedDateAndALowercaseKindAreAccepted() throws IOException {
    Path file = write("c.yaml", """
        suppressions:
        - rule: RBAC-201
          subject: {kind: serviceaccount}
          reason: ok
          expires: "2027-01-31"
        """);
    Suppression s = ConfigFile.read(file).suppressions().get(0);
    assertEquals(LocalDate.of(2027, 1, 31), s.expires());
    assertEquals("serviceaccount", s.subjectKind());
  }

  @Test
  void enablingAndDisablingTheSameRuleIsAProblem() throws IOException {
    Path file = write("c.yaml", "enable: [RBAC-108]\ndisable: [RBAC-108]\n");
    assertEquals(List.of(file + ":1: RBAC-108 is both enabled and disabled: keep one"),
        assertThrows(ConfigFileException.class, () -> ConfigFile.read(file)).lines());
  }

  @Test
  void aSuppressionsFileHoldsOnlySuppressions() throws IOException {
    Path ok = write("s.yaml", """
        suppressions:
        - rule: RBAC-201
          reason: reviewed
        """);
    assertEquals("RBAC-201", ConfigFile.readSuppressions(ok).get(0).rule());
    Path bad = write("t.yaml", "disable: [RBAC-108]\nsuppressions: []\n");
    assertEquals(List.of(bad + ":1: disable: unknown key; known keys here: suppressions"),
        assertThrows(ConfigFileException.class, () -> ConfigFile.readSuppressions(bad)).lines());
  }

  @Test
  void ruleIdsThatNoRuleHasAreReportedWhereWritten() throws IOException {
    Path file = write("c.yaml", """
        disable: [RBAC-108, RBAC-1O8]
        severity: {RBAC-302: low}
        suppressions:
        - rule: RBAC-2O1
          reason: typo
        - rule: "*"
          namespace: shop
          reason: all of shop
        """);
    List<String> problems = ConfigFile.read(file).unknownRuleIds(Set.of("RBAC-108", "RBAC-302", "RBAC-201")).stream()
        .map(p -> p.location() + ": " + p.message()).toList();
    assertEquals(List.of(
        file + ":1: no rule has the id 'RBAC-1O8': check the spelling (`rbac-audit rules list`)",
        file + ":4: no rule has the id 'RBAC-2O1': check the spelling (`rbac-audit rules list`)"), problems);
  }

  @Test
  void theDefaultFileIsFoundOnlyWhenPresent() throws IOException {
    assertEquals(Optional.empty(), ConfigFile.findDefault(dir));
    Path file = write(ConfigFile.DEFAULT_NAME, "disable: []\n");
    assertEquals(Optional.of(file), ConfigFile.findDefault(dir));
  }
}

package io.rbacaudit.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Keeps the semantics tables honest: paired files, fixtures that load cleanly, and a reader that rejects typos. */
class FixtureTablesTest {

  @Test
  void everyPolicyHasATableAndEveryTableAPolicy() throws IOException {
    Set<String> yaml;
    Set<String> cases;
    try (Stream<Path> files = Files.list(PolicyFixtures.directory())) {
      List<String> names = files.map(p -> p.getFileName().toString()).toList();
      yaml = stems(names, ".yaml");
      cases = stems(names, ".cases");
    }
    assertEquals(yaml, cases);
    assertFalse(cases.isEmpty());
  }

  @Test
  void theTablesHoldAtLeastTwoHundredCases() {
    int total = PolicyFixtures.stories().stream().mapToInt(s -> PolicyFixtures.table(s).cases().size()).sum();
    assertTrue(total >= 200, "only " + total + " cases");
  }

  /** A fixture that does not load as intended would make its cases test something else. */
  @ParameterizedTest(name = "{0}.yaml loads without errors")
  @MethodSource("io.rbacaudit.rbac.PolicyFixtures#stories")
  void everyPolicyLoadsWithoutErrors(String story) {
    var problems = PolicyFixtures.inventory(story).problems();
    assertTrue(problems.stream().noneMatch(p -> p.isError()), () -> story + ": " + problems);
  }

  @Test
  void aCaseWithoutADescriptionIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CaseReader.read("t", "allow user=a get ''/pods ns=dev\n"));
    assertTrue(e.getMessage().contains("t.cases:1"), e.getMessage());
  }

  @Test
  void anUnknownKeywordIsRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> CaseReader.read("t", "allow user=a get ''/pods namespace=dev # x\n"));
  }

  @Test
  void aDenyCaseCannotNameAGrant() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CaseReader.read("t", "deny user=a get ''/pods ns=dev via=RoleBinding/dev/x # x\n"));
  }

  @Test
  void targetsAreReadAsWritten() {
    var table =
        CaseReader.read(
            "t",
            """
            @defaults roles
            allow user=a groups=g1,'' get apps/deployments/scale ns=dev name=web  # resource with subresource
            deny  user=''  post /apis/*                                          # path
            """);
    assertEquals("roles", table.defaults());
    var allow = (SemanticCase.AuthorizeCase) table.cases().get(0);
    assertEquals(List.of("g1", ""), allow.user().groups());
    assertEquals(Request.resource("get", "apps", "deployments", "scale", "dev", "web"), allow.request());
    var deny = (SemanticCase.AuthorizeCase) table.cases().get(1);
    assertEquals("", deny.user().name());
    assertEquals(Request.nonResource("post", "/apis/*"), deny.request());
  }

  private static Set<String> stems(List<String> names, String suffix) {
    return names.stream()
        .filter(n -> n.endsWith(suffix))
        .map(n -> n.substring(0, n.length() - suffix.length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}

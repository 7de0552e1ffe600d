package io.rbacaudit.findings;

import static io.rbacaudit.findings.TestFindings.finding;
import static io.rbacaudit.findings.TestFindings.sa;
import static io.rbacaudit.findings.TestFindings.suppression;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Location;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Which findings a suppression selects: rule or *, any subset of subject fields, kind case-insensitive, scope. */
class SuppressionTest {

  /** RBAC-201 for ServiceAccount shop/reader, granted in namespace shop. */
  private static final Finding READER = finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets");
  /** RBAC-101 for ServiceAccount flux-system/kustomize-controller, cluster-wide. */
  private static final Finding FLUX =
      finding("RBAC-101", Severity.CRITICAL, sa("flux-system", "kustomize-controller"), null, "ClusterRole/cluster-admin");

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of("same rule, no selectors", suppression("RBAC-201", null, null, null, null), READER, true),
        Arguments.of("other rule", suppression("RBAC-204", null, null, null, null), READER, false),
        Arguments.of("* with a subject name", suppression("*", null, null, "reader", null), READER, true),
        Arguments.of("* with another name", suppression("*", null, null, "writer", null), READER, false),
        Arguments.of("full subject", suppression("RBAC-201", "ServiceAccount", "shop", "reader", null), READER, true),
        Arguments.of("kind only", suppression("RBAC-201", "ServiceAccount", null, null, null), READER, true),
        Arguments.of("kind lower case", suppression("RBAC-201", "serviceaccount", null, null, null), READER, true),
        Arguments.of("kind as sa", suppression("RBAC-201", "SA", null, null, null), READER, true),
        Arguments.of("other kind", suppression("RBAC-201", "User", null, null, null), READER, false),
        Arguments.of("subject namespace only", suppression("RBAC-201", null, "shop", null, null), READER, true),
        Arguments.of("other subject namespace", suppression("RBAC-201", null, "billing", null, null), READER, false),
        Arguments.of("name case matters", suppression("RBAC-201", null, null, "Reader", null), READER, false),
        Arguments.of("scope matches", suppression("RBAC-201", null, null, null, "shop"), READER, true),
        Arguments.of("other scope", suppression("RBAC-201", null, null, null, "billing"), READER, false),
        Arguments.of("scope given, finding cluster-wide", suppression("RBAC-101", null, null, null, "flux-system"),
            FLUX, false),
        Arguments.of("subject namespace is not the scope", suppression("RBAC-101", null, "flux-system", null, null),
            FLUX, true),
        Arguments.of("all selectors", suppression("RBAC-201", "ServiceAccount", "shop", "reader", "shop"), READER, true),
        Arguments.of("all selectors, one off", suppression("RBAC-201", "ServiceAccount", "shop", "reader", "x"), READER,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void selects(String story, Suppression s, Finding f, boolean expected) {
    assertEquals(expected, s.matches(f), story);
  }

  @Test
  void expiresAfterItsLastDay() {
    Suppression s = new Suppression("RBAC-201", null, null, null, null, "r", LocalDate.of(2026, 3, 31),
        Location.file(".rbac-audit.yaml", 12));
    assertFalse(s.expiredOn(LocalDate.of(2026, 3, 31)));
    assertTrue(s.expiredOn(LocalDate.of(2026, 4, 1)));
    assertFalse(suppression("RBAC-201", null, null, null, null).expiredOn(LocalDate.MAX));
  }
}

package io.rbacaudit.findings;

import static io.rbacaudit.findings.TestFindings.finding;
import static io.rbacaudit.findings.TestFindings.sa;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Evidence;
import io.rbacaudit.rules.Finding;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints are what baselines and suppressions-by-baseline match on: stable, and distinct where it matters. */
class FingerprintTest {

  private static final ObjectRef KUSTOMIZE = sa("flux-system", "kustomize-controller");

  @Test
  void recipeIsPinnedSoUpgradesDoNotBreakBaselines() {
    // SHA-256("RBAC-101\0ServiceAccount\0flux-system\0kustomize-controller\0-\0ClusterRole/cluster-admin")[:32]
    Finding f = finding("RBAC-101", Severity.CRITICAL, KUSTOMIZE, null, "ClusterRole/cluster-admin");
    assertEquals("7b31e40f585975ea7c754ed6f14e846c", Fingerprint.of(f));
  }

  @Test
  void isThirtyTwoLowercaseHexCharacters() {
    String fp = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets"));
    assertEquals(Fingerprint.LENGTH, fp.length());
    assertTrue(fp.matches("[0-9a-f]{32}"), fp);
  }

  @Test
  void sameFindingFromAMovedFileWithAnotherMessageAndSeverityKeepsItsFingerprint() {
    Finding before = finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets",
        Location.file("old/rbac.yaml", 10), List.of(), false);
    Finding after = new Finding(TestFindings.rule("RBAC-201", Severity.LOW), Severity.LOW, "reworded message",
        sa("shop", "reader"), "shop", "get secrets", Location.file("new/folder/renamed.yaml", 99),
        List.of(Location.file("new/folder/role.yaml", 3)),
        List.of(new Evidence.ObjectEvidence(sa("shop", "reader"), Location.file("new/sa.yaml", 1), null)),
        List.of(), false, true);
    assertEquals(Fingerprint.of(before), Fingerprint.of(after));
  }

  @Test
  void differentScopeGivesADifferentFingerprint() {
    String shop = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets"));
    String billing = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "billing", "get secrets"));
    String clusterWide = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), null, "get secrets"));
    assertNotEquals(shop, billing);
    assertNotEquals(shop, clusterWide);
    assertNotEquals(billing, clusterWide);
  }

  @Test
  void everyIdentifyingFieldCounts() {
    String base = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets"));
    assertNotEquals(base, Fingerprint.of(finding("RBAC-204", Severity.HIGH, sa("shop", "reader"), "shop", "get secrets")));
    assertNotEquals(base, Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "writer"), "shop", "get secrets")));
    assertNotEquals(base, Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("other", "reader"), "shop", "get secrets")));
    assertNotEquals(base, Fingerprint.of(finding("RBAC-201", Severity.HIGH,
        new ObjectRef("User", "reader", null), "shop", "get secrets")));
    assertNotEquals(base, Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "reader"), "shop", "list secrets")));
  }

  @Test
  void fieldsCannotRunIntoEachOther() {
    // Without a separator, ("ab", "c") and ("a", "bc") would hash the same text.
    String one = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "ab"), "c", "k"));
    String two = Fingerprint.of(finding("RBAC-201", Severity.HIGH, sa("shop", "a"), "bc", "k"));
    assertNotEquals(one, two);
  }

  @Test
  void aMultiContextScanKeysTheFingerprintByContextAndOnlyThen() {
    Finding f = finding("RBAC-101", Severity.CRITICAL, KUSTOMIZE, null, "ClusterRole/cluster-admin");
    assertEquals(Fingerprint.of(f), Fingerprint.of(f, null), "one context or manifests: the six-field recipe");
    String prod = Fingerprint.of(f, "prod");
    assertNotEquals(Fingerprint.of(f), prod);
    assertNotEquals(prod, Fingerprint.of(f, "staging"));
    // SHA-256("RBAC-101\0ServiceAccount\0flux-system\0kustomize-controller\0-\0ClusterRole/cluster-admin\0prod")
    assertEquals(sha256Prefix("RBAC-101\0ServiceAccount\0flux-system\0kustomize-controller\0-\0"
        + "ClusterRole/cluster-admin\0prod"), prod);
  }

  private static String sha256Prefix(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, Fingerprint.LENGTH);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}

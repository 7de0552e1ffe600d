package io.rbacaudit.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** diff matches findings by fingerprint only: messages, severities and order may change between scans. */
class ScanDiffTest {

  static DiffFinding f(String fingerprint, String message) {
    return new DiffFinding(fingerprint, "RBAC-201", Severity.HIGH, "Subject can read Secrets",
        new ObjectRef("ServiceAccount", "reader", "shop"), "shop", message);
  }

  @Test
  void splitsIntoNewResolvedAndUnchanged() {
    DiffFinding kept = f("aa", "old wording");
    DiffFinding keptNow = f("aa", "new wording");
    DiffFinding gone = f("bb", "fixed since");
    DiffFinding added = f("cc", "appeared");
    ScanDiff diff = ScanDiff.between(List.of(kept, gone), List.of(added, keptNow));
    assertEquals(List.of(added), diff.added());
    assertEquals(List.of(gone), diff.resolved());
    assertEquals(List.of(keptNow), diff.unchanged(), "unchanged findings are shown as the newer scan reports them");
  }

  @Test
  void identicalScansHaveNothingNewOrResolved() {
    List<DiffFinding> scan = List.of(f("aa", "m"), f("bb", "m"));
    ScanDiff diff = ScanDiff.between(scan, scan);
    assertEquals(List.of(), diff.added());
    assertEquals(List.of(), diff.resolved());
    assertEquals(scan, diff.unchanged());
  }

  @Test
  void aRepeatedFingerprintCountsOnce() {
    ScanDiff diff = ScanDiff.between(List.of(), List.of(f("aa", "one"), f("aa", "two")));
    assertEquals(List.of(f("aa", "one")), diff.added());
  }
}

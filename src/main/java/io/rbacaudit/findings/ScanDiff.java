package io.rbacaudit.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed between two scans, by fingerprint (DESIGN.md section 8): findings only the newer scan has, findings
 * only the older one had, and findings both have (shown as the newer scan reports them). Each list keeps its
 * report's order, which is the scan's sorted order.
 *
 * @param added in the newer scan only ("new" in JSON; {@code new} is a Java keyword)
 * @param resolved in the older scan only
 * @param unchanged in both
 */
public record ScanDiff(List<DiffFinding> added, List<DiffFinding> resolved, List<DiffFinding> unchanged) {

  public ScanDiff {
    added = List.copyOf(added);
    resolved = List.copyOf(resolved);
    unchanged = List.copyOf(unchanged);
  }

  public static ScanDiff between(List<DiffFinding> older, List<DiffFinding> newer) {
    Map<String, DiffFinding> before = byFingerprint(older);
    Map<String, DiffFinding> after = byFingerprint(newer);
    List<DiffFinding> added = new ArrayList<>();
    List<DiffFinding> unchanged = new ArrayList<>();
    for (DiffFinding f : after.values()) {
      (before.containsKey(f.fingerprint()) ? unchanged : added).add(f);
    }
    List<DiffFinding> resolved = new ArrayList<>();
    for (DiffFinding f : before.values()) {
      if (!after.containsKey(f.fingerprint())) {
        resolved.add(f);
      }
    }
    return new ScanDiff(added, resolved, unchanged);
  }

  /** A repeated fingerprint (not produced by a scan, but possible in an edited file) counts once. */
  private static Map<String, DiffFinding> byFingerprint(List<DiffFinding> findings) {
    Map<String, DiffFinding> map = new LinkedHashMap<>();
    for (DiffFinding f : findings) {
      map.putIfAbsent(f.fingerprint(), f);
    }
    return map;
  }
}

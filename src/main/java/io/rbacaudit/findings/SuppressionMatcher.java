package io.rbacaudit.findings;

import io.rbacaudit.rules.Finding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the suppressions of one scan, in file order (the first unexpired match wins), and remembers what each one
 * did so the reader can be told about expired and unused ones: a suppression nobody revisits is how an accepted
 * risk quietly becomes a forgotten one.
 */
final class SuppressionMatcher {

  private final List<Suppression> suppressions;
  private final LocalDate today;
  private final boolean[] used;
  private final List<List<Finding>> reportedAgain = new ArrayList<>();
  private final int[] coveredByOthers;

  SuppressionMatcher(List<Suppression> suppressions, LocalDate today) {
    this.suppressions = List.copyOf(suppressions);
    this.today = today;
    this.used = new boolean[this.suppressions.size()];
    this.coveredByOthers = new int[this.suppressions.size()];
    for (int i = 0; i < this.suppressions.size(); i++) {
      reportedAgain.add(new ArrayList<>());
    }
  }

  /** The unexpired suppression that suppresses this finding, or null. */
  Suppression match(Finding finding) {
    Suppression chosen = null;
    List<Integer> expired = new ArrayList<>();
    for (int i = 0; i < suppressions.size(); i++) {
      Suppression s = suppressions.get(i);
      if (!s.matches(finding)) {
        continue;
      }
      if (s.expiredOn(today)) {
        expired.add(i);
      } else {
        used[i] = true;
        if (chosen == null) {
          chosen = s;
        }
      }
    }
    for (int i : expired) {
      if (chosen == null) {
        reportedAgain.get(i).add(finding);
      } else {
        coveredByOthers[i]++;
      }
    }
    return chosen;
  }

  /**
   * Marks the unexpired suppressions that select a finding the exclude preset skipped as used: they matter as soon
   * as someone scans with {@code --exclude-preset none}, so "remove it" would be bad advice.
   */
  void touch(Finding skipped) {
    for (int i = 0; i < suppressions.size(); i++) {
      Suppression s = suppressions.get(i);
      if (!s.expiredOn(today) && s.matches(skipped)) {
        used[i] = true;
      }
    }
  }

  /** One note per expired or unused suppression, in file order. */
  List<String> notes() {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < suppressions.size(); i++) {
      Suppression s = suppressions.get(i);
      String at = "suppression at " + s.origin();
      if (s.expiredOn(today)) {
        notes.add(at + " expired on " + s.expires() + expiredOutcome(i));
      } else if (!used[i]) {
        notes.add(at + " (" + s.describe() + ") matches no finding: remove it, or check its rule id and selectors");
      }
    }
    return notes;
  }

  private String expiredOutcome(int i) {
    List<Finding> again = reportedAgain.get(i);
    if (!again.isEmpty()) {
      String first = describe(again.get(0));
      String rest = again.size() == 1 ? " is" : " and " + (again.size() - 1) + " more finding"
          + (again.size() == 2 ? "" : "s") + " are";
      return ": " + first + rest + " reported again; fix it, or renew the suppression with a later expires date";
    }
    if (coveredByOthers[i] > 0) {
      return "; the findings it matches are suppressed by others: remove it";
    }
    return " and matches no finding: remove it";
  }

  /** {@code RBAC-101 ServiceAccount/flux-system/kustomize-controller (cluster-wide)}. */
  static String describe(Finding f) {
    return f.ruleId() + " " + f.subject() + " (" + (f.namespace() == null ? "cluster-wide" : "namespace " + f.namespace()) + ")";
  }
}

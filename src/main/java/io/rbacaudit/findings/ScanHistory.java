package io.rbacaudit.findings;

import java.util.List;
import java.util.Objects;

/**
 * What changed since the previous run kept in a {@code --history} folder, by fingerprint (as {@code diff}).
 *
 * @param folder the history folder as given
 * @param previous the previous run's report file name in the folder, or null when this is the first run
 * @param saved the file name this run's JSON report is kept under
 * @param added findings this run has and the previous one had not
 * @param resolved findings the previous run had and this one has not
 * @param unchanged how many findings both runs have
 * @param kept how many runs the folder holds, this one included (nothing is ever pruned)
 */
public record ScanHistory(String folder, String previous, String saved, List<DiffFinding> added,
    List<DiffFinding> resolved, int unchanged, int kept) {

  public ScanHistory {
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(saved, "saved");
    added = List.copyOf(added);
    resolved = List.copyOf(resolved);
  }

  public boolean firstRun() {
    return previous == null;
  }
}

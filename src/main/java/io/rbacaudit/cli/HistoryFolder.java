package io.rbacaudit.cli;

import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.findings.ScanDiff;
import io.rbacaudit.findings.ScanHistory;
import io.rbacaudit.findings.ScanResult;
import io.rbacaudit.report.JsonReportReader;
import io.rbacaudit.report.JsonReportRenderer;
import io.rbacaudit.report.ReportFileException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A {@code --history} folder: every run's JSON report under a UTC timestamp name ({@code scan-20261129T112000.123Z.json}),
 * so names sort as runs happened. Each run is compared, by fingerprint, with the newest report already there. Files
 * are written whole (temporary file, then a move) and never deleted: pruning is the operator's call.
 */
final class HistoryFolder {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("'scan-'yyyyMMdd'T'HHmmss.SSS'Z.json'").withZone(ZoneOffset.UTC);
  private static final Pattern NAME = Pattern.compile("scan-\\d{8}T\\d{6}\\.\\d{3}Z\\.json");

  private final Path dir;

  private HistoryFolder(Path dir) {
    this.dir = dir;
  }

  /** The folder, created when missing; fails before the scan when it cannot be used. */
  static HistoryFolder open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UserException("--history " + dir + ": cannot create the folder (" + e.getClass().getSimpleName()
          + "); check the path and its permissions");
    }
    if (!Files.isWritable(dir)) {
      throw new UserException("--history " + dir + ": the folder is not writable; check its permissions");
    }
    return new HistoryFolder(dir);
  }

  /** Compares the result with the previous run, keeps its JSON report, and returns it with the comparison. */
  ScanResult keep(ScanResult result) {
    List<Path> runs = runs();
    Path previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
    List<DiffFinding> now = result.findings().stream().map(DiffFinding::of).toList();
    ScanDiff diff = ScanDiff.between(previous == null ? List.of() : read(previous), now);
    Path saved = freeName(result.generatedAt() == null ? Instant.now() : result.generatedAt());
    ScanResult withHistory = result.withHistory(new ScanHistory(dir.toString(),
        previous == null ? null : previous.getFileName().toString(), saved.getFileName().toString(),
        previous == null ? List.of() : diff.added(), diff.resolved(), diff.unchanged().size(), runs.size() + 1));
    write(withHistory, saved);
    return withHistory;
  }

  /** The reports of earlier runs, oldest first; other files in the folder are left alone. */
  List<Path> runs() {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
    } catch (IOException e) {
      throw new UserException("--history " + dir + ": cannot list the folder (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static List<DiffFinding> read(Path report) {
    try {
      return JsonReportReader.findings(report);
    } catch (ReportFileException e) {
      throw new UserException("--history: the previous run's report cannot be read: " + e.getMessage()
          + "; move it out of the history folder to start a new history");
    }
  }

  /** The run's timestamp, one millisecond later while a report of that name exists. */
  private Path freeName(Instant at) {
    Instant t = at;
    while (Files.exists(dir.resolve(STAMP.format(t)))) {
      t = t.plusMillis(1);
    }
    return dir.resolve(STAMP.format(t));
  }

  private void write(ScanResult result, Path file) {
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    try {
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        new JsonReportRenderer().write(result, out);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file);
      }
    } catch (IOException e) {
      throw new UserException("--history " + dir + ": cannot write " + file.getFileName() + " ("
          + e.getClass().getSimpleName() + "); check free space and permissions");
    }
  }
}

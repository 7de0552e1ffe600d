package io.rbacaudit.cli;

import io.rbacaudit.findings.DiffFinding;
import io.rbacaudit.findings.ScanDiff;
import io.rbacaudit.report.DiffRenderer;
import io.rbacaudit.report.HtmlDiffView;
import io.rbacaudit.report.HtmlReportRenderer;
import io.rbacaudit.report.JsonReportReader;
import io.rbacaudit.report.OutputFormat;
import io.rbacaudit.report.ReportFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    sortOptions = false,
    description = {
      "What changed between two JSON scan reports (`rbac-audit scan -o json`): new, resolved and unchanged findings,",
      "matched by fingerprint."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:error (a file is missing or not a JSON scan report)"})
final class DiffCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier JSON scan report.")
  Path older;

  @Parameters(index = "1", paramLabel = "NEW.json", description = "The later JSON scan report.")
  Path newer;

  /** diff's formats: the query commands' two, and the HTML page. */
  enum Format { TEXT, JSON, HTML }

  @Option(names = {"-o", "--output"}, paramLabel = "text|json|html", description = "Output format (default: ${DEFAULT-VALUE}).")
  Format output = Format.TEXT;

  @Override
  public Integer call() {
    ScanDiff diff = ScanDiff.between(read(older), read(newer));
    String out = output == Format.HTML
        ? new HtmlReportRenderer().render(HtmlDiffView.of(diff, older.toString(), newer.toString()))
        : DiffRenderer.render(OutputFormat.valueOf(output.name()), diff);
    spec.commandLine().getOut().print(out);
    return ExitCode.OK.code();
  }

  private static List<DiffFinding> read(Path report) {
    try {
      return JsonReportReader.findings(report);
    } catch (ReportFileException e) {
      throw new UserException(e.getMessage());
    }
  }
}

package io.rbacaudit.report;

import java.io.IOException;
import java.io.Writer;

import io.rbacaudit.findings.ScanResult;

/**
 * Turns a finished scan into one output format. A renderer sees only the result: it never queries the analysis, and
 * everything taken from manifests is escaped for its format.
 */
@FunctionalInterface
public interface ReportRenderer {

  /** The whole report, ending with a newline. */
  String render(ScanResult result);

  /**
   * The same report written to {@code out} (left open). Renderers of large reports override it to stream rather
   * than build the whole text in memory first.
   */
  default void write(ScanResult result, Writer out) throws IOException {
    out.write(render(result));
  }
}

package io.rbacaudit.report;

import io.rbacaudit.findings.ScanResult;

/**
 * Turns a finished scan into one output format. A renderer sees only the result: it never queries the analysis, and
 * everything taken from manifests is escaped for its format.
 */
@FunctionalInterface
public interface ReportRenderer {

  /** The whole report, ending with a newline. */
  String render(ScanResult result);
}

package io.rbacaudit.report;

/** A report file given as input (a baseline, a diff side) that cannot be used; the message names the file. */
public final class ReportFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReportFileException(String message) {
    super(message);
  }
}

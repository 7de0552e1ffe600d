package io.rbacaudit.cli;

/** Process exit codes (DESIGN.md section 5). */
public enum ExitCode {
  /** Success; for can-i: allowed. */
  OK(0),
  /** can-i: denied; scan: findings at or above the gate. */
  NEGATIVE(1),
  /** Bad input, bad flags, unreadable sources. */
  ERROR(2);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}

package io.rbacaudit.cli;

/** A problem the user can fix (bad flag combination, no input): printed as one line, no stack trace. */
public final class UserException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserException(String message) {
    super(message);
  }
}

package io.rbacaudit.rbac;

/**
 * A request or identity given on the command line cannot be understood. The message is one line, meant for the user
 * as it stands (the CLI prints it and exits with code 2).
 */
public final class RequestSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RequestSyntaxException(String message) {
    super(message);
  }
}

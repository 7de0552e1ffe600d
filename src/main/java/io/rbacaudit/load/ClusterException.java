package io.rbacaudit.load;

/**
 * A cluster could not be read at all: unreachable, credentials refused, TLS failure, missing context. The message is
 * one line naming the context and what to do; it never carries a token or any other credential.
 */
public final class ClusterException extends RuntimeException {

  public ClusterException(String message) {
    super(message);
  }
}

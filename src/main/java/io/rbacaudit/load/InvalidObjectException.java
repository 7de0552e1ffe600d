package io.rbacaudit.load;

import io.rbacaudit.model.Location;

/**
 * Abandons the object being decoded: its problem is reported and the loader goes on with the next object. Never
 * leaves this package.
 */
final class InvalidObjectException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Location location;

  InvalidObjectException(Location location, String message) {
    // No stack trace: this is control flow for bad input, which may be frequent in large inputs.
    super(message, null, false, false);
    this.location = location;
  }

  Location location() {
    return location;
  }
}

package io.rbacaudit.rbac;

import java.util.List;

/** The authorizer's answer: allowed when at least one grant matches; every matching grant is listed. */
public record Decision(boolean allowed, List<Grant> grants) {
  public Decision {
    grants = List.copyOf(grants);
    if (allowed == grants.isEmpty()) {
      throw new IllegalArgumentException("allowed exactly when there is a grant");
    }
  }
}

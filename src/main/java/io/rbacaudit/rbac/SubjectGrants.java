package io.rbacaudit.rbac;

import io.rbacaudit.model.Subject;
import java.util.List;
import java.util.Objects;

/** A subject and every grant through which it holds a permission. */
public record SubjectGrants(Subject subject, List<Grant> grants) {
  public SubjectGrants {
    Objects.requireNonNull(subject, "subject");
    grants = List.copyOf(grants);
  }
}

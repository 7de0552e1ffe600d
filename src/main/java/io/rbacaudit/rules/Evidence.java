package io.rbacaudit.rules;

import io.rbacaudit.model.Location;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rbac.Grant;
import java.util.Objects;

/** Why a finding was raised: a grant (binding -> role -> rule), or an object with where it is written. */
public sealed interface Evidence {

  Location location();

  /** A grant through which the subject holds the permission. */
  record GrantEvidence(Grant grant) implements Evidence {
    public GrantEvidence {
      Objects.requireNonNull(grant, "grant");
    }

    @Override
    public Location location() {
      return grant.location();
    }
  }

  /** An object that is part of the story (the ServiceAccount a workload runs as, the Secret it mounts...). */
  record ObjectEvidence(ObjectRef object, Location location, String note) implements Evidence {
    public ObjectEvidence {
      Objects.requireNonNull(object, "object");
    }
  }
}

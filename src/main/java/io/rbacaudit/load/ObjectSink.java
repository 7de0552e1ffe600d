package io.rbacaudit.load;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Namespace;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import java.util.List;

/** Where {@link ObjectDecoder} puts what it decodes: the inventory being built, or one file's record of it. */
interface ObjectSink {

  /** Counts one object; false once the object limit is passed (the decoder then stops). */
  boolean admit(Location at);

  void add(Role r);

  void add(Binding b);

  void add(ServiceAccount sa);

  void add(Secret s);

  void add(Namespace n);

  void add(Workload w);

  /** A document of a kind the tool does not analyse. */
  void skipped(String kind);

  void problem(Problem p);

  default void problems(List<Problem> ps) {
    ps.forEach(this::problem);
  }
}

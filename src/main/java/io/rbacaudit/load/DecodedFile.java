package io.rbacaudit.load;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Namespace;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * One file decoded on a worker thread: everything the decoder reported, in order, to be replayed into the inventory
 * later. Objects are counted at replay, so the object limit stops at the same object as a sequential read: the first
 * refused object ends the file there, as the decoder's {@code false} would have.
 */
final class DecodedFile implements ObjectSink {

  private record Admit(Location at) {}

  private record Skipped(String kind) {}

  private final List<Object> events = new ArrayList<>();

  @Override
  public boolean admit(Location at) {
    events.add(new Admit(at));
    return true;
  }

  @Override
  public void add(Role r) {
    events.add(r);
  }

  @Override
  public void add(Binding b) {
    events.add(b);
  }

  @Override
  public void add(ServiceAccount sa) {
    events.add(sa);
  }

  @Override
  public void add(Secret s) {
    events.add(s);
  }

  @Override
  public void add(Namespace n) {
    events.add(n);
  }

  @Override
  public void add(Workload w) {
    events.add(w);
  }

  @Override
  public void skipped(String kind) {
    events.add(new Skipped(kind));
  }

  @Override
  public void problem(Problem p) {
    events.add(p);
  }

  /** Replays the file into {@code out}; false when the object limit stopped it. */
  boolean replay(ObjectSink out) {
    for (Object e : events) {
      if (e instanceof Admit a) {
        if (!out.admit(a.at())) {
          return false;
        }
      } else if (e instanceof Role r) {
        out.add(r);
      } else if (e instanceof Binding b) {
        out.add(b);
      } else if (e instanceof ServiceAccount sa) {
        out.add(sa);
      } else if (e instanceof Secret s) {
        out.add(s);
      } else if (e instanceof Namespace n) {
        out.add(n);
      } else if (e instanceof Workload w) {
        out.add(w);
      } else if (e instanceof Skipped s) {
        out.skipped(s.kind());
      } else {
        out.problem((Problem) e);
      }
    }
    return true;
  }
}

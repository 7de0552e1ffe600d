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
import java.util.function.Predicate;

/**
 * One file decoded on a worker thread: every call the decoder made, in order, to be replayed into the inventory
 * later. Objects are counted at replay, so the object limit stops at the same object as a sequential read: the first
 * refused object ends the file there, as the decoder's {@code false} would have.
 */
final class DecodedFile implements ObjectSink {

  /** One recorded call; false ends the replay (only a refused {@link #admit}). */
  private final List<Predicate<ObjectSink>> calls = new ArrayList<>();

  @Override
  public boolean admit(Location at) {
    calls.add(out -> out.admit(at));
    return true;
  }

  @Override
  public void add(Role r) {
    calls.add(out -> then(() -> out.add(r)));
  }

  @Override
  public void add(Binding b) {
    calls.add(out -> then(() -> out.add(b)));
  }

  @Override
  public void add(ServiceAccount sa) {
    calls.add(out -> then(() -> out.add(sa)));
  }

  @Override
  public void add(Secret s) {
    calls.add(out -> then(() -> out.add(s)));
  }

  @Override
  public void add(Namespace n) {
    calls.add(out -> then(() -> out.add(n)));
  }

  @Override
  public void add(Workload w) {
    calls.add(out -> then(() -> out.add(w)));
  }

  @Override
  public void skipped(String kind) {
    calls.add(out -> then(() -> out.skipped(kind)));
  }

  @Override
  public void problem(Problem p) {
    calls.add(out -> then(() -> out.problem(p)));
  }

  private static boolean then(Runnable call) {
    call.run();
    return true;
  }

  /** Replays the file into {@code out}; false when the object limit stopped it. */
  boolean replay(ObjectSink out) {
    for (Predicate<ObjectSink> call : calls) {
      if (!call.test(out)) {
        return false;
      }
    }
    return true;
  }
}

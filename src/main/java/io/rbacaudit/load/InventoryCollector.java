package io.rbacaudit.load;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Namespace;
import io.rbacaudit.model.ObjectMeta;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Problem;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Accumulates one load. An object defined twice (same kind, namespace and name) is reported with both places and
 * the later one wins, as a later {@code kubectl apply} would; it then takes the later place in the order.
 */
final class InventoryCollector implements ObjectSink {

  private final int maxObjects;
  private final Map<ObjectRef, Role> roles = new LinkedHashMap<>();
  private final Map<ObjectRef, Binding> bindings = new LinkedHashMap<>();
  private final Map<ObjectRef, ServiceAccount> serviceAccounts = new LinkedHashMap<>();
  private final Map<ObjectRef, Secret> secrets = new LinkedHashMap<>();
  private final Map<ObjectRef, Namespace> namespaces = new LinkedHashMap<>();
  private final Map<ObjectRef, Workload> workloads = new LinkedHashMap<>();
  private final List<String> sources = new ArrayList<>();
  private final Map<String, Integer> skippedKinds = new TreeMap<>();
  private final List<Problem> problems = new ArrayList<>();
  private int objects;
  private boolean full;

  InventoryCollector(int maxObjects) {
    this.maxObjects = maxObjects;
  }

  /** Counts one object; false (with one error, the first time) once the limit is passed. */
  @Override
  public boolean admit(Location at) {
    if (full) {
      return false;
    }
    if (++objects > maxObjects) {
      full = true;
      problems.add(Problem.error(at, "more than " + maxObjects + " objects: loading stopped here; "
          + "split the input or raise the object limit"));
      return false;
    }
    return true;
  }

  boolean full() {
    return full;
  }

  @Override
  public void add(Role r) {
    put(roles, r.ref(), r, x -> x.meta());
  }

  @Override
  public void add(Binding b) {
    put(bindings, b.ref(), b, x -> x.meta());
  }

  @Override
  public void add(ServiceAccount sa) {
    put(serviceAccounts, new ObjectRef("ServiceAccount", sa.name(), sa.namespace()), sa, x -> x.meta());
  }

  @Override
  public void add(Secret s) {
    put(secrets, new ObjectRef("Secret", s.name(), s.namespace()), s, x -> x.meta());
  }

  @Override
  public void add(Namespace n) {
    put(namespaces, new ObjectRef("Namespace", n.name(), null), n, x -> x.meta());
  }

  @Override
  public void add(Workload w) {
    put(workloads, w.ref(), w, x -> x.meta());
  }

  private <T> void put(Map<ObjectRef, T> map, ObjectRef ref, T value, Function<T, ObjectMeta> meta) {
    T before = map.remove(ref);
    if (before != null) {
      Location first = meta.apply(before).location();
      Location again = meta.apply(value).location();
      problems.add(Problem.warning(again, ref + " is defined twice, at " + first + " and at " + again
          + "; the later one (" + again + ") wins, as a later kubectl apply would. Remove one of them"));
    }
    map.put(ref, value);
  }

  @Override
  public void skipped(String kind) {
    skippedKinds.merge(kind, 1, Integer::sum);
  }

  @Override
  public void problem(Problem p) {
    problems.add(p);
  }

  @Override
  public void problems(List<Problem> ps) {
    problems.addAll(ps);
  }

  void source(String name) {
    sources.add(name);
  }

  Inventory build() {
    return new Inventory(
        new ArrayList<>(roles.values()),
        new ArrayList<>(bindings.values()),
        new ArrayList<>(serviceAccounts.values()),
        new ArrayList<>(secrets.values()),
        new ArrayList<>(namespaces.values()),
        new ArrayList<>(workloads.values()),
        sources,
        skippedKinds,
        problems);
  }
}

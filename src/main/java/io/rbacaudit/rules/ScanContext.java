package io.rbacaudit.rules;

import io.rbacaudit.model.Binding;
import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.ResourceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What every check reads: the inventory, the authorizer over it, the resource table, the Kubernetes defaults as
 * shipped (to tell a default that was changed from one that was not), and indexes built once per scan.
 */
public final class ScanContext {

  private final Inventory inventory;
  private final Authorizer authorizer;
  private final ResourceTable resources;
  private final List<Role> shippedDefaultRoles;
  private final List<Binding> shippedDefaultBindings;
  private final Map<String, List<Workload>> workloadsByServiceAccount = new HashMap<>();
  private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
  private final Set<String> namespacesWithServiceAccounts = new HashSet<>();
  private final Map<ObjectRef, Binding> bindings = new HashMap<>();
  private final Map<String, Secret> secrets = new HashMap<>();
  private final List<Finding> priorFindings;
  private final DefaultPolicy defaultPolicy;
  private final Map<Class<?>, Object> shared;

  /**
   * @param shippedDefaultRoles the Kubernetes default roles as bundled, whatever the inputs define
   * @param shippedDefaultBindings the Kubernetes default bindings as bundled
   */
  public ScanContext(
      Inventory inventory,
      Authorizer authorizer,
      ResourceTable resources,
      List<Role> shippedDefaultRoles,
      List<Binding> shippedDefaultBindings) {
    this(inventory, authorizer, resources, shippedDefaultRoles, shippedDefaultBindings, List.of(),
        new ConcurrentHashMap<>());
  }

  private ScanContext(
      Inventory inventory,
      Authorizer authorizer,
      ResourceTable resources,
      List<Role> shippedDefaultRoles,
      List<Binding> shippedDefaultBindings,
      List<Finding> priorFindings,
      Map<Class<?>, Object> shared) {
    this.priorFindings = List.copyOf(priorFindings);
    this.shared = shared;
    this.defaultPolicy = new DefaultPolicy(shippedDefaultRoles, shippedDefaultBindings);
    this.inventory = Objects.requireNonNull(inventory);
    this.authorizer = Objects.requireNonNull(authorizer);
    this.resources = Objects.requireNonNull(resources);
    this.shippedDefaultRoles = List.copyOf(shippedDefaultRoles);
    this.shippedDefaultBindings = List.copyOf(shippedDefaultBindings);
    for (Workload w : inventory.workloads()) {
      workloadsByServiceAccount
          .computeIfAbsent(key(w.namespace(), w.pod().effectiveServiceAccountName()), k -> new ArrayList<>())
          .add(w);
    }
    for (ServiceAccount sa : inventory.serviceAccounts()) {
      serviceAccounts.put(key(sa.namespace(), sa.name()), sa);
      namespacesWithServiceAccounts.add(sa.namespace());
    }
    inventory.bindings().forEach(b -> bindings.putIfAbsent(b.ref(), b));
    inventory.secrets().forEach(s -> secrets.putIfAbsent(key(s.namespace(), s.name()), s));
  }

  /**
   * The same context for the second phase of a scan, where derived checks (a workload running as a ServiceAccount
   * that holds a high finding: RBAC-607, RBAC-610) read what the first phase found.
   */
  public ScanContext withPriorFindings(List<Finding> findings) {
    return new ScanContext(inventory, authorizer, resources, shippedDefaultRoles, shippedDefaultBindings, findings,
        shared);
  }

  /**
   * One instance of {@code type} per scan, made from this context the first time a check asks for it: an index
   * several checks read (what each ServiceAccount holds) is then computed once, not once per check. Checks run side
   * by side, so the instance must be safe to use from several threads.
   */
  public <T> T shared(Class<T> type, Function<ScanContext, T> make) {
    return type.cast(shared.computeIfAbsent(type, k -> make.apply(this)));
  }

  /** Findings of the first phase; empty during the first phase itself. */
  public List<Finding> priorFindings() {
    return priorFindings;
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  public Inventory inventory() {
    return inventory;
  }

  public Authorizer authorizer() {
    return authorizer;
  }

  public ResourceTable resources() {
    return resources;
  }

  public List<Role> shippedDefaultRoles() {
    return shippedDefaultRoles;
  }

  public List<Binding> shippedDefaultBindings() {
    return shippedDefaultBindings;
  }

  /** Recognises unchanged Kubernetes defaults (for the exclude preset and RBAC-103/104/110). */
  public DefaultPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** The workloads (pods and pod templates) that run as this ServiceAccount, in input order. */
  public List<Workload> workloadsRunningAs(String namespace, String serviceAccount) {
    return workloadsByServiceAccount.getOrDefault(key(namespace, serviceAccount), List.of());
  }

  public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
    return Optional.ofNullable(serviceAccounts.get(key(namespace, name)));
  }

  /** The first binding of the inputs with this kind, name and namespace. */
  public Optional<Binding> binding(ObjectRef ref) {
    return Optional.ofNullable(bindings.get(ref));
  }

  /** The first Secret of the inputs with this namespace and name. */
  public Optional<Secret> secret(String namespace, String name) {
    return Optional.ofNullable(secrets.get(key(namespace, name)));
  }

  /**
   * Whether this ServiceAccount is known to be missing: the inputs define ServiceAccounts in its namespace, but not
   * this one. Where they define none, a missing one cannot be told from one that is simply not in the manifests.
   */
  public boolean serviceAccountMissing(String namespace, String name) {
    return namespacesWithServiceAccounts.contains(namespace) && !serviceAccounts.containsKey(key(namespace, name));
  }
}

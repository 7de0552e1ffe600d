package io.rbacaudit.graph;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Role;
import io.rbacaudit.model.RoleKind;
import io.rbacaudit.model.Secret;
import io.rbacaudit.model.ServiceAccount;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import io.rbacaudit.model.Workload;
import io.rbacaudit.rbac.Authorizer;
import io.rbacaudit.rbac.Impersonation;
import io.rbacaudit.rbac.ResolvedBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The inventory looked up the ways the edges need it, built in one pass over each kind of object. */
final class InventoryIndex {

  static final String MASTERS = "system:masters";
  static final String CLUSTER_ADMIN = "cluster-admin";

  final Inventory inventory;
  final Authorizer authorizer;
  final SortedSet<Subject> identities = new TreeSet<>();
  final SortedSet<String> namespaces = new TreeSet<>();
  final Map<String, List<Subject>> serviceAccountsByNamespace = new HashMap<>();
  final Map<String, List<Subject>> serviceAccountsByName = new HashMap<>();
  final Map<String, List<Secret>> tokenSecretsByNamespace = new HashMap<>();
  final Map<String, List<Workload>> workloadsByNamespace = new HashMap<>();
  final Map<String, List<Role>> rolesByNamespace = new HashMap<>();
  /** ClusterRoles whose effective rules are cluster-admin's two {@code *} rules, by name, sorted. */
  final SortedSet<String> equivalentClusterRoles = new TreeSet<>();
  private final Map<String, ServiceAccount> serviceAccounts = new HashMap<>();
  private final Map<String, Secret> tokenSecrets = new HashMap<>();
  private final Map<Workload, Set<Subject>> tokensHeld = new IdentityHashMap<>();

  InventoryIndex(Inventory inventory, Authorizer authorizer, Collection<Subject> extraSubjects) {
    this.inventory = inventory;
    this.authorizer = authorizer;
    identities.add(Subject.group(Impersonation.AUTHENTICATED));
    identities.add(Subject.group(Impersonation.UNAUTHENTICATED));
    identities.add(Subject.user(Impersonation.ANONYMOUS));
    identities.add(Subject.group(MASTERS));
    extraSubjects.forEach(s -> identities.add(normalize(s)));
    for (ResolvedBinding b : authorizer.bindings()) {
      b.subjects().forEach(s -> identities.add(normalize(s)));
      addNamespace(b.binding().namespace());
    }
    for (ServiceAccount sa : inventory.serviceAccounts()) {
      serviceAccounts.put(key(sa.namespace(), sa.name()), sa);
      identities.add(Subject.serviceAccount(sa.namespace(), sa.name()));
    }
    for (Workload w : inventory.workloads()) {
      identities.add(w.serviceAccount());
      workloadsByNamespace.computeIfAbsent(w.namespace(), k -> new ArrayList<>()).add(w);
    }
    for (Secret s : inventory.secrets()) {
      addNamespace(s.namespace());
      if (s.isServiceAccountToken() && s.serviceAccountName() != null && s.namespace() != null) {
        tokenSecretsByNamespace.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
        tokenSecrets.put(key(s.namespace(), s.name()), s);
        identities.add(Subject.serviceAccount(s.namespace(), s.serviceAccountName()));
      }
    }
    inventory.namespaces().forEach(n -> addNamespace(n.name()));
    indexRoles();
    for (Subject s : identities) {
      if (s.kind() == SubjectKind.SERVICE_ACCOUNT) {
        addNamespace(s.namespace());
        serviceAccountsByNamespace.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(s);
        serviceAccountsByName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
  }

  private void indexRoles() {
    boolean clusterAdminDefined = false;
    for (Role r : inventory.roles()) {
      if (r.kind() == RoleKind.ROLE) {
        addNamespace(r.namespace());
        rolesByNamespace.computeIfAbsent(r.namespace(), k -> new ArrayList<>()).add(r);
      } else if (authorizer.clusterRole(r.name()).orElse(null) == r) {
        clusterAdminDefined |= r.name().equals(CLUSTER_ADMIN);
        if (Equivalence.holds(authorizer.effectiveRules(r))) {
          equivalentClusterRoles.add(r.name());
        }
      }
    }
    if (!clusterAdminDefined) {
      equivalentClusterRoles.add(CLUSTER_ADMIN); // every real cluster has it, whether the inputs show it or not
    }
  }

  private void addNamespace(String ns) {
    if (ns != null) {
      namespaces.add(ns);
    }
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /** A User named {@code system:serviceaccount:NS:NAME} is that ServiceAccount. */
  static Subject normalize(Subject s) {
    if (s.kind() == SubjectKind.USER) {
      return Impersonation.serviceAccountOf(s.name())
          .map(sa -> Subject.serviceAccount(sa.namespace(), sa.name()))
          .orElse(s);
    }
    return s;
  }

  /** The groups the API server gives an identity; a Group acts as a user in just that group. */
  static List<Subject> groupsOf(Subject s) {
    return switch (s.kind()) {
      case SERVICE_ACCOUNT -> List.of(Subject.group(Impersonation.ALL_SERVICE_ACCOUNTS),
          Subject.group("system:serviceaccounts:" + s.namespace()), Subject.group(Impersonation.AUTHENTICATED));
      case USER -> List.of(Subject.group(
          s.name().equals(Impersonation.ANONYMOUS) ? Impersonation.UNAUTHENTICATED : Impersonation.AUTHENTICATED));
      case GROUP -> s.name().equals(Impersonation.AUTHENTICATED) || s.name().equals(Impersonation.UNAUTHENTICATED)
          ? List.of()
          : List.of(Subject.group(Impersonation.AUTHENTICATED));
    };
  }

  ServiceAccount serviceAccount(String namespace, String name) {
    return serviceAccounts.get(key(namespace, name));
  }

  /** The ServiceAccounts whose tokens a workload's pods hold: its own (when mounted) and token Secrets by name. */
  Set<Subject> tokensHeld(Workload w) {
    return tokensHeld.computeIfAbsent(w, this::readTokensHeld);
  }

  private Set<Subject> readTokensHeld(Workload w) {
    Set<Subject> out = new LinkedHashSet<>();
    Subject own = w.serviceAccount();
    if (TokenMounts.holdsOwnToken(w, serviceAccount(own.namespace(), own.name()))) {
      out.add(own);
    }
    for (String name : TokenMounts.secretNames(w)) {
      Secret s = tokenSecrets.get(key(w.namespace(), name));
      if (s != null) {
        out.add(Subject.serviceAccount(s.namespace(), s.serviceAccountName()));
      }
    }
    return out;
  }

  /** Whether getting into the workload's pods is worth anything: a token, or the node. */
  boolean worthEntering(Workload w) {
    return TokenMounts.reachesNode(w) || !tokensHeld(w).isEmpty();
  }

  /** The namespaces to consider for a grant in {@code scope}: that one, or every known namespace for null. */
  Collection<String> namespacesOf(String scope) {
    return scope == null ? namespaces : List.of(scope);
  }

  List<Workload> workloads(String namespace) {
    return workloadsByNamespace.getOrDefault(namespace, List.of());
  }

  List<Subject> serviceAccounts(String namespace) {
    return serviceAccountsByNamespace.getOrDefault(namespace, List.of());
  }

  List<Secret> tokenSecrets(String namespace) {
    return tokenSecretsByNamespace.getOrDefault(namespace, List.of());
  }

  List<Role> roles(String namespace) {
    return rolesByNamespace.getOrDefault(namespace, List.of());
  }
}

package io.rbacaudit.rbac;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.model.Subject;
import io.rbacaudit.model.SubjectKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The effective permissions of chosen subjects, for reports that show who can do what. Many subjects hold the same
 * roles, so a role's matrix is computed once per role and kind of scope (a {@link Profile}) and each subject lists
 * its {@link Holding}s: binding, profile, scope, and the group that brought it when not held directly.
 */
public record SubjectAccess(List<Profile> profiles, List<Entry> subjects) {

  public static final SubjectAccess NONE = new SubjectAccess(List.of(), List.of());

  public SubjectAccess {
    profiles = List.copyOf(profiles);
    subjects = List.copyOf(subjects);
  }

  /**
   * A role's matrix in one kind of scope.
   *
   * @param namespaced granted through a RoleBinding: URLs and cluster-scoped resources are left out
   */
  public record Profile(RoleId role, boolean namespaced, List<AccessMatrix.Cell> cells) {
    public Profile {
      Objects.requireNonNull(role, "role");
      cells = List.copyOf(cells);
    }
  }

  /**
   * @param profile the index in {@link SubjectAccess#profiles()}
   * @param namespace where the binding grants it; null for everywhere (a ClusterRoleBinding)
   * @param via the group the subject holds it through, or null when the binding names the subject itself
   */
  public record Holding(ObjectRef binding, boolean bindingBuiltIn, int profile, String namespace, Subject via) {
    public Holding {
      Objects.requireNonNull(binding, "binding");
    }
  }

  public record Entry(Subject subject, List<Holding> holdings) {
    public Entry {
      Objects.requireNonNull(subject, "subject");
      holdings = List.copyOf(holdings);
    }
  }

  /**
   * What each subject may do, with the authorizer's semantics: the bindings that name it, or a group it is in
   * (ServiceAccounts are in {@code system:serviceaccounts} and their namespace's group; users and ServiceAccounts in
   * {@code system:authenticated}). Bindings to a missing role grant nothing and are left out.
   */
  public static SubjectAccess of(Authorizer authorizer, ResourceTable table, Collection<Subject> subjects) {
    List<Profile> profiles = new ArrayList<>();
    Map<ProfileKey, Integer> index = new HashMap<>();
    List<Entry> entries = new ArrayList<>(subjects.size());
    for (Subject s : subjects) {
      UserInfo user = userOf(s);
      List<Holding> holdings = new ArrayList<>();
      for (ResolvedBinding b : authorizer.bindingsOf(user)) {
        if (b.roleMissing()) {
          continue;
        }
        ProfileKey key = new ProfileKey(RoleId.of(b.role()), !b.isClusterWide());
        Integer p = index.get(key);
        if (p == null) {
          p = profiles.size();
          profiles.add(new Profile(key.role(), key.namespaced(), AccessMatrix.of(b.rules(), key.namespaced(), table)));
          index.put(key, p);
        }
        holdings.add(new Holding(b.binding().ref(), b.binding().builtIn(), p, b.scope(), via(b, s, user)));
      }
      entries.add(new Entry(s, holdings));
    }
    return new SubjectAccess(profiles, entries);
  }

  private record ProfileKey(RoleId role, boolean namespaced) {}

  /** The identity the API server sees for a subject; a group is asked about as one of its members. */
  static UserInfo userOf(Subject s) {
    if (s.name().isEmpty()) {
      return new UserInfo(s.name(), List.of());
    }
    return switch (s.kind()) {
      case SERVICE_ACCOUNT -> Impersonation.of(s.serviceAccountUserName(), List.of());
      case USER -> Impersonation.of(s.name(), List.of());
      case GROUP -> new UserInfo("\u0000member of " + s.name(), List.of(s.name()));
    };
  }

  private static Subject via(ResolvedBinding b, Subject s, UserInfo user) {
    for (Subject named : b.subjects()) {
      if (named.equals(s) || (named.kind() == SubjectKind.USER && named.name().equals(user.name()))) {
        return null;
      }
    }
    for (Subject named : b.subjects()) {
      if (named.kind() == SubjectKind.GROUP && user.groups().contains(named.name())) {
        return named;
      }
    }
    return null;
  }
}

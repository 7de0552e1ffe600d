package io.rbacaudit.rbac;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The identity {@code kubectl auth can-i --as USER --as-group G...} gets from a real API server's impersonation
 * filter (DESIGN.md section 5), so that answers match a real cluster. The RBAC engine then uses the groups exactly as
 * given.
 */
public final class Impersonation {

  public static final String ANONYMOUS = "system:anonymous";
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String UNAUTHENTICATED = "system:unauthenticated";
  public static final String ALL_SERVICE_ACCOUNTS = "system:serviceaccounts";
  private static final String SERVICE_ACCOUNT_PREFIX = "system:serviceaccount:";
  private static final String SERVICE_ACCOUNT_GROUP_PREFIX = "system:serviceaccounts:";

  // The API server accepts a service-account user name only when its parts are a valid namespace (DNS-1123 label)
  // and a valid service-account name (DNS-1123 subdomain); anything else is impersonated as a plain user.
  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_LABEL = Pattern.compile(LABEL);
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");
  private static final int MAX_LABEL = 63;
  private static final int MAX_SUBDOMAIN = 253;

  /** The namespace and name inside {@code system:serviceaccount:NS:NAME}. */
  public record ServiceAccountName(String namespace, String name) {}

  private Impersonation() {}

  /**
   * @param user value of --as
   * @param asGroups values of --as-group, in order (null or empty when none); duplicates are kept
   * @throws RequestSyntaxException when {@code user} is null or empty (the API server refuses groups without a user)
   */
  public static UserInfo of(String user, List<String> asGroups) {
    if (user == null || user.isEmpty()) {
      throw new RequestSyntaxException("--as needs a user name, e.g. --as jane or --as system:serviceaccount:NS:NAME");
    }
    List<String> groups = new ArrayList<>(asGroups == null ? List.of() : asGroups);
    if (groups.isEmpty()) {
      // A service account's groups are a fixed mapping from its namespace, added only when none are given.
      serviceAccountOf(user).ifPresent(sa -> {
        groups.add(ALL_SERVICE_ACCOUNTS);
        groups.add(SERVICE_ACCOUNT_GROUP_PREFIX + sa.namespace());
      });
    }
    if (!user.equals(ANONYMOUS)) {
      if (!groups.contains(AUTHENTICATED) && !groups.contains(UNAUTHENTICATED)) {
        groups.add(AUTHENTICATED);
      }
    } else if (!groups.contains(UNAUTHENTICATED)) {
      groups.add(UNAUTHENTICATED);
    }
    return new UserInfo(user, groups);
  }

  /**
   * The service account a user name stands for, when it is a well-formed {@code system:serviceaccount:NS:NAME}:
   * exactly two parts after the prefix, a valid namespace name and a valid service-account name.
   */
  public static Optional<ServiceAccountName> serviceAccountOf(String user) {
    if (user == null || !user.startsWith(SERVICE_ACCOUNT_PREFIX)) {
      return Optional.empty();
    }
    String[] parts = user.substring(SERVICE_ACCOUNT_PREFIX.length()).split(":", -1);
    if (parts.length != 2 || !isNamespaceName(parts[0]) || !isServiceAccountName(parts[1])) {
      return Optional.empty();
    }
    return Optional.of(new ServiceAccountName(parts[0], parts[1]));
  }

  private static boolean isNamespaceName(String s) {
    return s.length() <= MAX_LABEL && DNS_LABEL.matcher(s).matches();
  }

  private static boolean isServiceAccountName(String s) {
    return s.length() <= MAX_SUBDOMAIN && DNS_SUBDOMAIN.matcher(s).matches();
  }
}

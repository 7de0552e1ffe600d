package io.rbacaudit.rules.checks;

import io.rbacaudit.model.Inventory;
import io.rbacaudit.model.Secret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells which Secret names are ServiceAccount tokens: a Secret of type {@code kubernetes.io/service-account-token} in
 * the inputs, or, when the inputs do not hold the Secret, a name of the form the token controller used to generate
 * ({@code <serviceaccount>-token-<5 characters>}, such as {@code default-token-x7k2p}). A Secret in the inputs of any
 * other type is not a token, whatever its name.
 */
final class TokenSecrets {

  /** The generated name of a legacy token Secret; group 1 is the ServiceAccount. */
  static final Pattern GENERATED_NAME = Pattern.compile("^(.+)-token-[a-z0-9]{5}$");

  /**
   * A token Secret a pod refers to.
   *
   * @param serviceAccount the ServiceAccount the token authenticates as, or null when unknown
   * @param secret the Secret in the inputs, or null when only its name says it is a token
   */
  record TokenSecret(String name, String serviceAccount, Secret secret) {}

  private final Map<String, Secret> secrets = new HashMap<>();

  TokenSecrets(Inventory inventory) {
    for (Secret s : inventory.secrets()) {
      secrets.putIfAbsent(s.namespace() + "/" + s.name(), s);
    }
  }

  Optional<TokenSecret> lookup(String namespace, String secretName) {
    if (secretName == null || secretName.isEmpty()) {
      return Optional.empty();
    }
    Secret s = secrets.get(namespace + "/" + secretName);
    if (s != null) {
      return s.isServiceAccountToken()
          ? Optional.of(new TokenSecret(secretName, owner(s), s))
          : Optional.empty();
    }
    Matcher m = GENERATED_NAME.matcher(secretName);
    return m.matches() ? Optional.of(new TokenSecret(secretName, m.group(1), null)) : Optional.empty();
  }

  /** The annotation the token controller reads, else what the generated name says, else null. */
  static String owner(Secret s) {
    String annotated = s.serviceAccountName();
    if (annotated != null && !annotated.isEmpty()) {
      return annotated;
    }
    Matcher m = GENERATED_NAME.matcher(s.name());
    return m.matches() ? m.group(1) : null;
  }
}

package io.rbacaudit.findings;

import io.rbacaudit.model.ObjectRef;
import io.rbacaudit.rules.Finding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The stable identity of a finding, which suppressions-by-baseline and {@code diff} match on (DESIGN.md section 5).
 *
 * <p>SHA-256 over the UTF-8 bytes of six fields joined by NUL: rule id, subject kind, subject namespace (or
 * {@code -}), subject name, scope namespace (or {@code -} when cluster-wide), and the finding's {@code key}; written
 * as lowercase hex and cut to the first {@value #LENGTH} characters (128 bits). Files, lines, messages and severity
 * are deliberately left out: moving a manifest, rewording a message or overriding a severity must not turn a known
 * finding into a new one. Changing this recipe invalidates every user's baseline: don't.
 *
 * <p>A scan of several cluster contexts in one run ({@code --all-contexts}, or {@code --context} more than once)
 * appends a seventh field, the context name, so the same finding in two clusters has two fingerprints (and one
 * cluster's baseline entry never hides the other's). Single-context and manifest scans keep the six-field recipe.
 */
public final class Fingerprint {

  public static final int LENGTH = 32;

  private static final String NONE = "-";
  private static final char SEPARATOR = '\0';

  private Fingerprint() {}

  public static String of(Finding finding) {
    return of(finding.ruleId(), finding.subject(), finding.namespace(), finding.key());
  }

  /** @param cluster the context of a multi-context scan, else null (the six-field recipe) */
  public static String of(Finding finding, String cluster) {
    String single = sixFields(finding.ruleId(), finding.subject(), finding.namespace(), finding.key());
    return cluster == null ? hash(single) : hash(single + SEPARATOR + cluster);
  }

  static String of(String ruleId, ObjectRef subject, String scope, String key) {
    return hash(sixFields(ruleId, subject, scope, key));
  }

  private static String sixFields(String ruleId, ObjectRef subject, String scope, String key) {
    return String.join(String.valueOf(SEPARATOR),
        ruleId,
        subject.kind(),
        orNone(subject.namespace()),
        subject.name(),
        orNone(scope),
        key);
  }

  private static String hash(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8))).substring(0, LENGTH);
  }

  private static String orNone(String s) {
    return s == null || s.isEmpty() ? NONE : s;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

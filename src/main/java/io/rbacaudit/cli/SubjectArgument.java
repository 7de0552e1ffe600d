package io.rbacaudit.cli;

import io.rbacaudit.graph.TargetKind;
import io.rbacaudit.graph.Vertex;
import io.rbacaudit.model.Subject;
import java.util.Locale;
import java.util.Optional;

/**
 * SUBJECT on the command line (DESIGN.md section 5): {@code User/NAME}, {@code Group/NAME} or
 * {@code ServiceAccount/NS/NAME}; the kind is case-insensitive and {@code sa} means ServiceAccount. A user or group
 * name may itself contain slashes.
 */
final class SubjectArgument {

  private SubjectArgument() {}

  static Subject parse(String text, String option) {
    int slash = text.indexOf('/');
    if (slash > 0) {
      String kind = text.substring(0, slash).toLowerCase(Locale.ROOT);
      String rest = text.substring(slash + 1);
      switch (kind) {
        case "user" -> {
          return named(Subject.user(rest), text, option);
        }
        case "group" -> {
          return named(Subject.group(rest), text, option);
        }
        case "serviceaccount", "sa" -> {
          int second = rest.indexOf('/');
          if (second > 0 && second < rest.length() - 1 && rest.indexOf('/', second + 1) < 0) {
            return Subject.serviceAccount(rest.substring(0, second), rest.substring(second + 1));
          }
        }
        default -> { }
      }
    }
    throw new UserException(option + " " + text + ": expected User/NAME, Group/NAME or ServiceAccount/NAMESPACE/NAME");
  }

  private static Subject named(Subject s, String text, String option) {
    if (s.name().isEmpty()) {
      throw new UserException(option + " " + text + ": the name is missing");
    }
    return s;
  }

  /** {@code cluster-admin}, {@code node-access}, {@code all-secrets}, or a SUBJECT. */
  static Vertex target(String text) {
    Optional<TargetKind> kind = TargetKind.parse(text);
    if (kind.isPresent()) {
      return new Vertex.Target(kind.get());
    }
    if (text.indexOf('/') < 0) {
      throw new UserException("--to " + text + ": expected cluster-admin, node-access, all-secrets or a SUBJECT"
          + " (User/NAME, Group/NAME, ServiceAccount/NAMESPACE/NAME)");
    }
    return Vertex.Identity.of(parse(text, "--to"));
  }
}

package io.rbacaudit.findings;

import io.rbacaudit.model.Problem;
import java.util.List;

/**
 * A config or suppressions file with problems: all of them at once, each as {@code file:line: message}, so the
 * user fixes the file in one go. The scan command prints {@link #lines()} to stderr and exits 2.
 */
public final class ConfigFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public ConfigFileException(List<Problem> problems) {
    super(String.join("\n", lines(problems)));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  /** One {@code file:line: message} per problem, in file order. */
  public List<String> lines() {
    return lines(problems);
  }

  private static List<String> lines(List<Problem> problems) {
    return problems.stream().sorted().map(p -> p.location() + ": " + p.message()).toList();
  }
}

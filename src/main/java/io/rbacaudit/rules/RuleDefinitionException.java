package io.rbacaudit.rules;

import java.util.List;

/** A rule file that cannot be used; carries every problem found in it, each one line naming file and field. */
public final class RuleDefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public RuleDefinitionException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}

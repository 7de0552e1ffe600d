package io.rbacaudit.rules;

/**
 * A Java template that {@code rule.yaml} files name in {@code template:}. Built-in templates are listed explicitly in
 * {@link Templates}, never found by classpath scanning.
 */
public interface Template {

  /** The name rules use in {@code template:}. */
  String name();

  /**
   * Validates the rule's typed {@code params} and binds them.
   *
   * @throws RuleDefinitionException naming every problem with the params at once
   */
  Check compile(RuleSpec spec);

  /**
   * Whether the checks of this template read {@link ScanContext#priorFindings()}: the engine runs them in a second
   * phase, after every other check.
   */
  default boolean derived() { return false; }

  /**
   * Whether one check of this template costs far more than the others (building the access graph): the engine starts
   * such checks first, so that the cheap ones fill the other cores meanwhile.
   */
  default boolean heavy() { return false; }
}

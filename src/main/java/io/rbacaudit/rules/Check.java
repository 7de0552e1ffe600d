package io.rbacaudit.rules;

import java.util.List;

/** A compiled rule: a template bound to one rule's spec and parameters. */
@FunctionalInterface
public interface Check {
  List<Finding> run(ScanContext context);
}

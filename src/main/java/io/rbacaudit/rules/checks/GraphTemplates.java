package io.rbacaudit.rules.checks;

import io.rbacaudit.rules.Template;
import java.util.List;

/** The templates built on the access graph, for the built-in template registry. */
public final class GraphTemplates {

  private GraphTemplates() {}

  public static List<Template> all() {
    return List.of(new EscalationPathTemplate());
  }
}

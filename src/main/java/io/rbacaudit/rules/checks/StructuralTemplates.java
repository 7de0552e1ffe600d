package io.rbacaudit.rules.checks;

import io.rbacaudit.rules.Template;
import io.rbacaudit.rules.Templates;
import java.util.List;

/** The structural templates (RBAC-102 to 111, RBAC-601 to 610): the registry's templates of this package. */
public final class StructuralTemplates {

  private StructuralTemplates() {}

  public static List<Template> all() {
    return Templates.builtIn().values().stream()
        .filter(t -> t.getClass().getPackage().equals(StructuralTemplates.class.getPackage()))
        .toList();
  }
}

package io.rbacaudit.rules;

import io.rbacaudit.rules.permission.PermissionTemplate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The built-in templates, listed explicitly (STYLE.md: never found by classpath scanning). A rule names one in
 * {@code template:}.
 */
public final class Templates {

  // One entry per line, in alphabetical order of the template name.
  private static final Template[] BUILT_IN = {
    new PermissionTemplate(),
  };

  private static final Map<String, Template> BY_NAME = index();

  private Templates() {}

  /** Every built-in template by name, sorted by name. */
  public static Map<String, Template> builtIn() {
    return BY_NAME;
  }

  public static Optional<Template> find(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  private static Map<String, Template> index() {
    Map<String, Template> out = new TreeMap<>();
    for (Template t : BUILT_IN) {
      if (out.put(t.name(), t) != null) {
        throw new IllegalStateException("two built-in templates are named " + t.name());
      }
    }
    return Collections.unmodifiableMap(out);
  }
}

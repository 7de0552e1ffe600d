package io.rbacaudit.rules.checks;

import io.rbacaudit.rules.RuleDefinitionException;
import io.rbacaudit.rules.RuleSpec;
import io.rbacaudit.rules.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rule's {@code params} into typed values, collecting every problem (wrong type, bad value, unknown key)
 * so that {@link #finish()} reports them all at once, each naming the rule file and the field.
 */
final class ParamReader {

  private final RuleSpec spec;
  private final Map<String, Object> params;
  private final Set<String> known = new LinkedHashSet<>();
  private final List<String> problems = new ArrayList<>();

  ParamReader(RuleSpec spec) {
    this.spec = spec;
    this.params = spec.params();
  }

  /** A list of non-empty strings; absent means {@code fallback}. */
  List<String> strings(String key, List<String> fallback) {
    known.add(key);
    Object v = params.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> list)) {
      problem(key, "expected a list of strings, found " + describe(v));
      return fallback;
    }
    List<String> out = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof String s && !s.isEmpty()) {
        out.add(s);
      } else {
        problem(key, "expected a list of non-empty strings, found the item " + describe(item));
      }
    }
    return List.copyOf(out);
  }

  /** A list of strings each of which must be one of {@code allowed}. */
  List<String> choices(String key, List<String> fallback, String... allowed) {
    List<String> values = strings(key, fallback);
    List<String> ok = Arrays.asList(allowed);
    for (String v : values) {
      if (!ok.contains(v)) {
        problem(key, "unknown value '" + v + "'; allowed: " + String.join(", ", allowed));
      }
    }
    return values;
  }

  boolean bool(String key, boolean fallback) {
    known.add(key);
    Object v = params.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problem(key, "expected true or false, found " + describe(v));
    return fallback;
  }

  /**
   * A whole number from {@code min} to {@code max}; absent means {@code fallback}. The rule-file reader gives whole
   * numbers as Long, snakeyaml in tests as Integer: both are accepted here, once for every template.
   */
  int integer(String key, int fallback, int min, int max) {
    known.add(key);
    Object v = params.get(key);
    if (v == null) {
      return fallback;
    }
    if ((v instanceof Integer || v instanceof Long) && ((Number) v).longValue() >= min
        && ((Number) v).longValue() <= max) {
      return ((Number) v).intValue();
    }
    problem(key, "expected a whole number from " + min + " to " + max + ", found " + describe(v));
    return fallback;
  }

  Severity severity(String key, Severity fallback) {
    known.add(key);
    Object v = params.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String s) {
      return Severity.parse(s).orElseGet(() -> {
        problem(key, "unknown severity '" + s + "'; use critical, high, medium, low or info");
        return fallback;
      });
    }
    problem(key, "expected a severity, found " + describe(v));
    return fallback;
  }

  /** Reports unknown keys, then throws if anything was wrong. */
  void finish() {
    for (String key : params.keySet()) {
      if (!known.contains(key)) {
        problem(key, "unknown parameter for template " + spec.template()
            + (known.isEmpty() ? " (it takes none)" : "; known: " + String.join(", ", known)));
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleDefinitionException(problems);
    }
  }

  /** Adds a problem found by the template's own validation (a combination of values, say). */
  void problem(String key, String message) {
    String where = spec.origin() != null ? spec.origin() : spec.id();
    problems.add(where + ": params." + key + ": " + message);
  }

  private static String describe(Object v) {
    if (v instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (v instanceof List<?>) {
      return "a list";
    }
    return v == null ? "nothing" : "'" + v + "'";
  }
}

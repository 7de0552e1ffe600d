package io.rbacaudit.rules;

import io.rbacaudit.load.DataFile;
import io.rbacaudit.load.DataFileException;
import io.rbacaudit.load.DataFileReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one rule folder into a {@link RuleSpec}, strictly (DESIGN.md section 6): unknown and missing keys, bad
 * severities, ids and names, an unknown template or parameters it rejects, and missing fixtures are each one
 * problem line, {@code file:line: field: what is wrong}, and all of them are reported.
 */
final class RuleFileReader {

  static final List<String> KEYS = List.of("id", "name", "title", "severity", "clusterWideSeverity", "category",
      "description", "remediation", "references", "template", "params");
  static final String OPTIONAL_KEY = "clusterWideSeverity";

  static final Pattern BUILTIN_ID = Pattern.compile("RBAC-\\d{3}");
  static final Pattern USER_ID = Pattern.compile("[A-Z][A-Z0-9]*-\\d+");
  static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  static final Pattern FIXTURE = Pattern.compile("(fail|pass)\\.[a-z0-9]+(-[a-z0-9]+)*\\.yaml");
  private static final int MAX_TITLE = 100;

  private final DataFileReader yaml = new DataFileReader();
  private final Map<String, Template> templates;

  RuleFileReader(Map<String, Template> templates) {
    this.templates = templates;
  }

  /**
   * The folder's rule, or null when its rule.yaml has problems; every problem, the folder's included, is added to
   * {@code problems}.
   */
  RuleSpec read(RuleFolder folder, List<String> problems) {
    checkFixtures(folder, problems); // reported, but the rule is still read (so that its id counts as taken)
    int before = problems.size();
    String file = folder.ruleFile();
    DataFile data;
    try {
      data = yaml.read(file, folder.ruleText());
    } catch (DataFileException e) {
      problems.add(e.getMessage());
      return null;
    }
    if (!(data.root() instanceof Map<?, ?> rawTop)) {
      problems.add(file + ":" + data.line("") + ": a rule file is a mapping of keys (id, name, title, ...)");
      return null;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> top = (Map<String, Object>) rawTop;
    Fields f = new Fields(file, data, top, problems);
    for (String key : top.keySet()) {
      if (!KEYS.contains(key)) {
        f.problem(key, "unknown key; a rule file has " + String.join(", ", KEYS));
      }
    }
    String id = f.text("id");
    String name = f.text("name");
    String title = f.text("title");
    Severity severity = f.severity("severity", true);
    Severity clusterWide = f.severity(OPTIONAL_KEY, false);
    String category = f.text("category");
    String description = f.text("description");
    String remediation = f.text("remediation");
    List<String> references = f.references();
    String template = f.text("template");
    Map<String, Object> params = f.params();
    checkId(folder, f, id);
    checkName(folder, f, id, name);
    checkCategory(folder, f, category);
    if (title != null && (title.contains("\n") || title.length() > MAX_TITLE)) {
      f.problem("title", "one line of at most " + MAX_TITLE + " characters");
    }
    if (severity != null && clusterWide != null && !clusterWide.atLeast(severity)) {
      f.problem(OPTIONAL_KEY, "lower than severity (" + severity + "); it replaces severity for cluster-wide grants");
    }
    if (problems.size() > before || id == null || severity == null || template == null || params == null) {
      return null;
    }
    RuleSpec spec = new RuleSpec(id, name, title, severity, clusterWide, category, description, remediation,
        references, template, params, file);
    Template t = templates.get(template);
    if (t == null) {
      f.problem("template", "unknown template '" + template + "'; built-in templates: "
          + String.join(", ", templates.keySet()));
      return null;
    }
    try {
      t.compile(spec);
    } catch (RuleDefinitionException e) {
      for (String p : e.problems()) {
        problems.add(locate(file, data, p));
      }
      return null;
    }
    return spec;
  }

  /**
   * A template's problem, {@code [origin: ]params.field: message}, as {@code file:line: params.field: message}.
   */
  static String locate(String file, DataFile data, String problem) {
    String p = problem.startsWith(file + ": ") ? problem.substring(file.length() + 2) : problem;
    int colon = p.indexOf(": ");
    String field = colon < 0 ? "params" : p.substring(0, colon);
    if (!field.startsWith("params")) {
      field = "params";
      p = "params: " + p;
    }
    return file + ":" + data.line(field) + ": " + p;
  }

  private static void checkFixtures(RuleFolder folder, List<String> problems) {
    boolean fail = false;
    boolean pass = false;
    for (String file : folder.files()) {
      if (file.equals(RuleFolder.RULE_FILE) || !(file.endsWith(".yaml") || file.endsWith(".yml"))) {
        continue;
      }
      if (!FIXTURE.matcher(file).matches()) {
        problems.add(folder.path() + "/" + file + ": fixtures are named fail.<story>.yaml or pass.<story>.yaml "
            + "(story in lower-case-with-dashes)");
      }
      fail |= file.startsWith("fail.");
      pass |= file.startsWith("pass.");
    }
    if (!fail) {
      problems.add(folder.path() + ": no fail.<story>.yaml fixture (a manifest set this rule must flag)");
    }
    if (!pass) {
      problems.add(folder.path() + ": no pass.<story>.yaml fixture (a near-miss this rule must leave alone)");
    }
  }

  private static void checkId(RuleFolder folder, Fields f, String id) {
    if (id == null) {
      return;
    }
    if (folder.builtIn() && !BUILTIN_ID.matcher(id).matches()) {
      f.problem("id", "built-in rule ids are RBAC-NNN (three digits); found '" + id + "'");
    } else if (!folder.builtIn() && !USER_ID.matcher(id).matches()) {
      f.problem("id", "rule ids are upper-case letters or digits, a dash and a number (ACME-1); found '" + id + "'");
    }
  }

  private static void checkName(RuleFolder folder, Fields f, String id, String name) {
    if (name == null) {
      return;
    }
    if (!KEBAB.matcher(name).matches()) {
      f.problem("name", "lower-case words joined by dashes (secrets-read); found '" + name + "'");
    } else if (id != null && !folder.name().equals(id + "-" + name)) {
      f.problem("name", "the folder of rule " + id + " " + name + " must be named " + id + "-" + name
          + ", not " + folder.name());
    }
  }

  private static void checkCategory(RuleFolder folder, Fields f, String category) {
    if (category == null) {
      return;
    }
    if (folder.builtIn()) {
      if (!RuleLoader.CATEGORIES.contains(category)) {
        f.problem("category", "one of " + String.join(", ", RuleLoader.CATEGORIES) + "; found '" + category + "'");
      } else if (!category.equals(folder.parentName())) {
        f.problem("category", "the rule sits in folder " + folder.parentName() + " but says category " + category);
      }
    } else if (!KEBAB.matcher(category).matches()) {
      f.problem("category", "lower-case words joined by dashes; found '" + category + "'");
    }
  }

  /** Typed access to the top-level keys; every problem names the file, line and key. */
  private static final class Fields {
    private final String file;
    private final DataFile data;
    private final Map<String, Object> top;
    private final List<String> problems;

    Fields(String file, DataFile data, Map<String, Object> top, List<String> problems) {
      this.file = file;
      this.data = data;
      this.top = top;
      this.problems = problems;
    }

    void problem(String key, String message) {
      problems.add(file + ":" + data.line(key) + ": " + key + ": " + message);
    }

    String text(String key) {
      if (!top.containsKey(key)) {
        problem(key, "missing (required)");
        return null;
      }
      if (!(top.get(key) instanceof String s) || s.isBlank()) {
        problem(key, "must be a non-empty string");
        return null;
      }
      return s.strip();
    }

    Severity severity(String key, boolean required) {
      if (!required && !top.containsKey(key)) {
        return null;
      }
      String s = text(key);
      if (s == null) {
        return null;
      }
      for (Severity v : Severity.values()) {
        if (v.id().equals(s)) {
          return v;
        }
      }
      problem(key, "one of critical, high, medium, low, info; found '" + s + "'");
      return null;
    }

    List<String> references() {
      if (!top.containsKey("references")) {
        problem("references", "missing (required): at least one link or document section");
        return List.of();
      }
      List<String> out = new ArrayList<>();
      if (top.get("references") instanceof List<?> list && !list.isEmpty()) {
        for (Object o : list) {
          if (o instanceof String s && !s.isBlank()) {
            out.add(s.strip());
          } else {
            problem("references", "every reference is a non-empty string");
          }
        }
      } else {
        problem("references", "a non-empty list of strings");
      }
      return out;
    }

    Map<String, Object> params() {
      if (!top.containsKey("params")) {
        problem("params", "missing (required); write params: {} for a template that takes none");
        return null;
      }
      if (!(top.get("params") instanceof Map<?, ?> map)) {
        problem("params", "must be a mapping");
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> frozen = (Map<String, Object>) freeze(map);
      return frozen;
    }
  }

  /** A deep, unmodifiable copy: a loaded rule cannot be changed by the checks that read it. */
  static Object freeze(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) {
        out.add(freeze(o));
      }
      return Collections.unmodifiableList(out);
    }
    return value;
  }
}

package io.rbacaudit.findings;

import io.rbacaudit.load.ConfigValue;
import io.rbacaudit.load.ConfigValue.Field;
import io.rbacaudit.load.ConfigValue.Mapping;
import io.rbacaudit.load.ConfigValue.Scalar;
import io.rbacaudit.load.ConfigValue.ScalarType;
import io.rbacaudit.load.ConfigValue.Sequence;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Severity;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives meaning to a config file's values, strictly: every unknown key, wrong type, bad severity, bad date and
 * incomplete suppression becomes a located problem, and reading goes on so all of them are reported at once.
 */
final class ConfigParser {

  static final List<String> TOP_KEYS = List.of("rules", "disable", "enable", "severity", "excludePreset", "suppressions");
  static final List<String> SUPPRESSION_KEYS = List.of("rule", "subject", "namespace", "reason", "expires");
  static final List<String> SUBJECT_KEYS = List.of("kind", "namespace", "name");

  /** What a finding can be about (DESIGN.md section 5); compared case-insensitively, {@code sa} too. */
  static final Set<String> SUBJECT_KINDS = Set.of("user", "group", "serviceaccount", "sa", "role", "clusterrole",
      "rolebinding", "clusterrolebinding", "secret", "namespace", "pod", "deployment", "statefulset", "daemonset",
      "replicaset", "replicationcontroller", "job", "cronjob");

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  private final Map<String, Location> ruleIds = new LinkedHashMap<>();

  ConfigParser(String file) {
    this.file = file;
  }

  List<Problem> problems() {
    return problems;
  }

  ConfigFile config(ConfigValue root, Path folder) {
    Mapping top = mapping(root, "the config file");
    if (top == null) {
      return null;
    }
    checkKeys(top, TOP_KEYS, "");
    List<Path> ruleFolders = new ArrayList<>();
    for (String dir : strings(top.get("rules"), "rules", "a folder")) {
      ruleFolders.add(folder == null ? Path.of(dir) : folder.resolve(dir));
    }
    List<String> enable = ruleIdList(top.get("enable"), "enable");
    List<String> disable = ruleIdList(top.get("disable"), "disable");
    for (String id : enable) {
      if (disable.contains(id)) {
        problems.add(Problem.error(ruleIds.get(id), id + " is both enabled and disabled: keep one"));
      }
    }
    Map<String, Severity> severity = severities(top.get("severity"));
    ExcludePreset preset = preset(top.get("excludePreset"));
    List<Suppression> suppressions = suppressions(top.get("suppressions"));
    return new ConfigFile(file, ruleFolders, enable, disable, severity, preset, suppressions, ruleIds);
  }

  List<Suppression> suppressionsOnly(ConfigValue root) {
    Mapping top = mapping(root, "a suppressions file");
    if (top == null) {
      return List.of();
    }
    checkKeys(top, List.of("suppressions"), "");
    return suppressions(top.get("suppressions"));
  }

  private List<String> ruleIdList(ConfigValue value, String path) {
    List<String> ids = new ArrayList<>();
    if (!(value instanceof Sequence seq)) {
      strings(value, path, "a rule id"); // reports the wrong type, if any
      return ids;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      ConfigValue item = seq.items().get(i);
      String id = string(item, path + "[" + i + "]", "a rule id");
      if (id != null) {
        ids.add(id);
        ruleIds.putIfAbsent(id, item.location());
      }
    }
    return ids;
  }

  private Map<String, Severity> severities(ConfigValue value) {
    Map<String, Severity> out = new LinkedHashMap<>();
    Mapping map = optionalMapping(value, "severity", "rule id: severity pairs, e.g. {RBAC-302: medium}");
    if (map == null) {
      return out;
    }
    for (Field f : map.fields()) {
      ruleIds.putIfAbsent(f.key(), f.keyLocation());
      String name = string(f.value(), "severity." + f.key(), "a severity");
      if (name == null) {
        continue;
      }
      Severity.parse(name).ifPresentOrElse(
          s -> out.put(f.key(), s),
          () -> error(f.value(), "severity." + f.key() + ": unknown severity '" + name
              + "': use critical, high, medium, low or info"));
    }
    return out;
  }

  private ExcludePreset preset(ConfigValue value) {
    String name = optionalString(value, "excludePreset", "standard or none");
    if (name == null) {
      return null;
    }
    return ExcludePreset.parse(name).orElseGet(() -> {
      error(value, "excludePreset: unknown preset '" + name + "': use standard or none");
      return null;
    });
  }

  private List<Suppression> suppressions(ConfigValue value) {
    List<Suppression> out = new ArrayList<>();
    if (value == null || isNull(value)) {
      return out;
    }
    if (!(value instanceof Sequence seq)) {
      error(value, "suppressions: expected a list, got " + value.describe() + "; write each one as a '- rule: ...' item");
      return out;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      Suppression s = suppression(seq.items().get(i), "suppressions[" + i + "]");
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private Suppression suppression(ConfigValue value, String path) {
    Mapping m = value instanceof Mapping map ? map : null;
    if (m == null) {
      error(value, path + ": expected a mapping with rule, reason and selectors, got " + value.describe());
      return null;
    }
    int before = problems.size();
    checkKeys(m, SUPPRESSION_KEYS, path + ".");
    String rule = requiredString(m, "rule", path, "a rule id", "write a rule id, or \"*\" in quotes");
    String reason = requiredString(m, "reason", path, "a reason", "say why this finding is accepted and who decided");
    Mapping subject = optionalMapping(m.get("subject"), path + ".subject", "any of kind, namespace, name");
    String kind = null;
    String subjectNamespace = null;
    String subjectName = null;
    if (subject != null) {
      checkKeys(subject, SUBJECT_KEYS, path + ".subject.");
      kind = optionalString(subject.get("kind"), path + ".subject.kind", "a kind such as ServiceAccount");
      if (kind != null && !SUBJECT_KINDS.contains(kind.toLowerCase(Locale.ROOT))) {
        error(subject.get("kind"), path + ".subject.kind: '" + kind + "' is not a kind findings are about: use User, "
            + "Group, ServiceAccount, Role, ClusterRole, RoleBinding, ClusterRoleBinding, Secret or a workload kind");
      }
      subjectNamespace = optionalString(subject.get("namespace"), path + ".subject.namespace", "a namespace");
      subjectName = optionalString(subject.get("name"), path + ".subject.name", "a name");
    }
    String namespace = optionalString(m.get("namespace"), path + ".namespace", "the namespace of the finding");
    LocalDate expires = date(m.get("expires"), path + ".expires");
    if (Suppression.ANY_RULE.equals(rule) && kind == null && subjectNamespace == null && subjectName == null
        && namespace == null) {
      error(m, path + ": rule \"*\" with no subject or namespace would hide every finding: narrow it, or use "
          + "--fail-on never to turn the gate off");
    }
    if (rule != null && !Suppression.ANY_RULE.equals(rule)) {
      ruleIds.putIfAbsent(rule, m.get("rule").location());
    }
    if (problems.size() > before) {
      return null;
    }
    return new Suppression(rule, kind, subjectNamespace, subjectName, namespace, reason, expires, m.location());
  }

  private LocalDate date(ConfigValue value, String path) {
    if (value == null || isNull(value)) {
      return null;
    }
    if (value instanceof Scalar s && (s.type() == ScalarType.DATE || s.isString())) {
      try {
        return LocalDate.parse(s.text().trim());
      } catch (DateTimeParseException e) {
        // reported below
      }
    }
    error(value, path + ": expected a date as YYYY-MM-DD (e.g. 2027-03-31), got "
        + (value instanceof Scalar s ? "'" + s.text() + "'" : value.describe()));
    return null;
  }

  private void checkKeys(Mapping m, List<String> known, String prefix) {
    for (Field f : m.fields()) {
      if (!known.contains(f.key())) {
        String hint = known.stream().filter(k -> loose(k).equals(loose(f.key()))).findFirst()
            .map(k -> "did you mean '" + k + "'? ").orElse("");
        problems.add(Problem.error(f.keyLocation(), prefix + f.key() + ": unknown key; " + hint
            + "known keys here: " + String.join(", ", known)));
      }
    }
  }

  private static String loose(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  private Mapping mapping(ConfigValue value, String what) {
    if (value instanceof Mapping m) {
      return m;
    }
    error(value, what + " must be a mapping of keys (such as 'suppressions:'), got " + value.describe());
    return null;
  }

  private Mapping optionalMapping(ConfigValue value, String path, String expected) {
    if (value == null || isNull(value)) {
      return null;
    }
    if (value instanceof Mapping m) {
      return m;
    }
    error(value, path + ": expected a mapping (" + expected + "), got " + value.describe());
    return null;
  }

  private List<String> strings(ConfigValue value, String path, String what) {
    List<String> out = new ArrayList<>();
    if (value == null || isNull(value)) {
      return out;
    }
    if (!(value instanceof Sequence seq)) {
      error(value, path + ": expected a list, got " + value.describe() + "; write it as [item, ...]");
      return out;
    }
    for (int i = 0; i < seq.items().size(); i++) {
      String s = string(seq.items().get(i), path + "[" + i + "]", what);
      if (s != null) {
        out.add(s);
      }
    }
    return out;
  }

  private String requiredString(Mapping m, String key, String path, String what, String whatToDo) {
    ConfigValue v = m.get(key);
    if (v == null || isNull(v)) {
      error(v == null ? m : v, path + "." + key + ": missing; " + whatToDo);
      return null;
    }
    String s = string(v, path + "." + key, what);
    if (s != null && s.isBlank()) {
      error(v, path + "." + key + ": is blank; " + whatToDo);
      return null;
    }
    return s;
  }

  private String optionalString(ConfigValue value, String path, String what) {
    if (value == null || isNull(value)) {
      return null;
    }
    String s = string(value, path, what);
    if (s != null && s.isBlank()) {
      error(value, path + ": is blank; leave it out or write " + what);
      return null;
    }
    return s;
  }

  /** A string scalar, else a problem: a plain 123 or yes is not a string here, as Kubernetes decodes. */
  private String string(ConfigValue value, String path, String what) {
    if (value instanceof Scalar s && s.isString()) {
      return s.text();
    }
    String got = value.describe();
    String hint = value instanceof Scalar ? "; put it in quotes if it is meant as text" : "";
    error(value, path + ": expected " + what + " (a string), got " + got + hint);
    return null;
  }

  private static boolean isNull(ConfigValue v) {
    return v instanceof Scalar s && s.type() == ScalarType.NULL;
  }

  private void error(ConfigValue at, String message) {
    problems.add(Problem.error(at.location(), message));
  }
}

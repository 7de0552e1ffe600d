package io.rbacaudit.findings;

import io.rbacaudit.load.ConfigFileReader;
import io.rbacaudit.model.Location;
import io.rbacaudit.model.Problem;
import io.rbacaudit.rules.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of {@code .rbac-audit.yaml} (DESIGN.md section 8). Command-line flags win over these; the scan
 * command does the merging.
 *
 * @param source the file as given, or null when there is none
 * @param ruleFolders extra rule folders, resolved against the config file's folder
 * @param severity severity overrides per rule id
 * @param excludePreset null when the file does not set it
 * @param ruleIds where each rule id the file names is first written (disable, enable, severity, suppressions), so
 *     an unknown id can be reported at its line: see {@link #unknownRuleIds}
 */
public record ConfigFile(
    String source,
    List<Path> ruleFolders,
    List<String> enable,
    List<String> disable,
    Map<String, Severity> severity,
    ExcludePreset excludePreset,
    List<Suppression> suppressions,
    Map<String, Location> ruleIds) {

  /** Read from the working folder when present and no {@code --config} is given. */
  public static final String DEFAULT_NAME = ".rbac-audit.yaml";

  public static final ConfigFile NONE =
      new ConfigFile(null, List.of(), List.of(), List.of(), Map.of(), null, List.of(), Map.of());

  public ConfigFile {
    ruleFolders = List.copyOf(ruleFolders);
    enable = List.copyOf(enable);
    disable = List.copyOf(disable);
    severity = Collections.unmodifiableMap(new TreeMap<>(severity));
    suppressions = List.copyOf(suppressions);
    ruleIds = Collections.unmodifiableMap(new LinkedHashMap<>(ruleIds));
  }

  /** {@code .rbac-audit.yaml} in {@code folder} (use {@code Path.of("")} for the working folder), if it exists. */
  public static Optional<Path> findDefault(Path folder) {
    Path p = folder.resolve(DEFAULT_NAME);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /**
   * Reads a config file strictly.
   *
   * @throws ConfigFileException with every problem (unknown keys, wrong types, bad severities or dates, a
   *     suppression without a reason...), each located
   */
  public static ConfigFile read(Path file) {
    ConfigFileReader.Result read = ConfigFileReader.read(file);
    ConfigParser parser = new ConfigParser(file.toString());
    ConfigFile config = read.root() == null ? null : parser.config(read.root(), file.getParent());
    throwIfAny(read.problems(), parser.problems());
    return config;
  }

  /**
   * Reads a {@code --suppressions} file: a mapping with the single key {@code suppressions}, shaped as in the config
   * file.
   *
   * @throws ConfigFileException with every problem, each located
   */
  public static List<Suppression> readSuppressions(Path file) {
    ConfigFileReader.Result read = ConfigFileReader.read(file);
    ConfigParser parser = new ConfigParser(file.toString());
    List<Suppression> suppressions = read.root() == null ? List.of() : parser.suppressionsOnly(read.root());
    throwIfAny(read.problems(), parser.problems());
    return suppressions;
  }

  private static void throwIfAny(List<Problem> reading, List<Problem> meaning) {
    if (!reading.isEmpty() || !meaning.isEmpty()) {
      List<Problem> all = new ArrayList<>(reading);
      all.addAll(meaning);
      throw new ConfigFileException(all);
    }
  }

  /**
   * Rule ids this file names that no rule has ({@code *} aside), one located problem each: a typo would otherwise
   * disable nothing or suppress nothing, silently.
   *
   * @param known the ids of every loaded rule, enabled or not
   */
  public List<Problem> unknownRuleIds(Collection<String> known) {
    List<Problem> problems = new ArrayList<>();
    ruleIds.forEach((id, at) -> {
      if (!known.contains(id)) {
        problems.add(Problem.error(at, "no rule has the id '" + id + "': check the spelling (`rbac-audit rules list`)"));
      }
    });
    return problems;
  }
}

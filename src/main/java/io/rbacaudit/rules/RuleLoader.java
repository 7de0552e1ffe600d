package io.rbacaudit.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads rules: the built-in ones packaged in the jar ({@code rules/} of the repository) and the user's folders
 * ({@code --rules DIR}, repeatable; every folder under DIR holding a {@code rule.yaml} is a rule folder). Strict
 * (STYLE.md, "Rules"): every problem in every folder is collected, and loading fails with all of them at once.
 */
public final class RuleLoader {

  /** The built-in categories, in catalogue order (DESIGN.md section 6). */
  public static final List<String> CATEGORIES =
      List.of("bindings", "credentials", "workloads", "escalation", "cluster", "service-accounts");

  private static final Comparator<String> ID_PARTS =
      Comparator.comparing((String id) -> id.substring(0, Math.max(0, id.lastIndexOf('-'))))
          .thenComparingLong(RuleLoader::idNumber)
          .thenComparing(Comparator.naturalOrder());

  /**
   * Ids in natural order: by prefix, then by number (ACME-2 before ACME-10). Equal ids compare without being taken
   * apart: sorting a large scan's findings compares the ids of the same rule about a million times.
   */
  public static final Comparator<String> ID_ORDER = (a, b) -> a.equals(b) ? 0 : ID_PARTS.compare(a, b);

  /** Catalogue order: category (built-in ones first, in {@link #CATEGORIES} order), then id. */
  public static final Comparator<RuleSpec> CATALOGUE_ORDER =
      Comparator.comparingInt((RuleSpec r) -> categoryRank(r.category()))
          .thenComparing(RuleSpec::category)
          .thenComparing(RuleSpec::id, ID_ORDER);

  private RuleLoader() {}

  private static final class BuiltIn {
    static final List<RuleSpec> RULES = fromScans(List.of(RuleFolderReader.classpath()));
  }

  /**
   * The built-in rules, loaded once.
   *
   * @throws RuleDefinitionException if the packaged rules are broken (a build problem)
   */
  public static List<RuleSpec> builtIn() {
    return BuiltIn.RULES;
  }

  /**
   * The built-in rules plus every rule under the given folders, sorted by id.
   *
   * @throws RuleDefinitionException with one line per problem (file, line, field and what is wrong) when any folder
   *     is missing or any rule is invalid; ids must be unique across all folders
   */
  public static List<RuleSpec> load(List<Path> userFolders) {
    List<RuleFolderReader.Scan> scans = new ArrayList<>();
    scans.add(RuleFolderReader.classpath());
    for (Path folder : userFolders) {
      scans.add(RuleFolderReader.directory(folder, folder.toString(), false));
    }
    return fromScans(scans);
  }

  /** The rules found by these scans; the tests load the repository's rules/ folder through here. */
  static List<RuleSpec> fromScans(List<RuleFolderReader.Scan> scans) {
    List<String> problems = new ArrayList<>();
    List<RuleSpec> rules = new ArrayList<>();
    RuleFileReader reader = new RuleFileReader(Templates.builtIn());
    Map<String, RuleSpec> byId = new HashMap<>();
    Map<String, RuleSpec> byName = new HashMap<>();
    for (RuleFolderReader.Scan scan : scans) {
      problems.addAll(scan.problems());
      for (RuleFolder folder : scan.folders()) {
        RuleSpec spec = reader.read(folder, problems);
        if (spec == null) {
          continue;
        }
        RuleSpec sameId = byId.putIfAbsent(spec.id(), spec);
        RuleSpec sameName = byName.putIfAbsent(spec.name(), spec);
        if (sameId != null) {
          problems.add(spec.origin() + ": id: " + spec.id() + " is already the id of " + sameId.origin()
              + "; ids are unique across all rule folders");
        } else if (sameName != null) {
          problems.add(spec.origin() + ": name: " + spec.name() + " is already the name of " + sameName.id()
              + " (" + sameName.origin() + ")");
        } else {
          rules.add(spec);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleDefinitionException(problems);
    }
    rules.sort(Comparator.comparing(RuleSpec::id, ID_ORDER));
    return List.copyOf(rules);
  }

  private static long idNumber(String id) {
    try {
      return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int categoryRank(String category) {
    int i = CATEGORIES.indexOf(category);
    return i < 0 ? CATEGORIES.size() : i;
  }
}

package io.rbacaudit.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which rules run, and at what severity: every rule, minus those the config file disables unless {@code --enable}
 * names them, minus those {@code --disable} names; severities replaced by the config file's overrides.
 *
 * @param configDisabled the config file's {@code disable:}
 * @param enabled {@code --enable ID}: forces a rule on even if the config disables it
 * @param disabled {@code --disable ID}: turns a rule off
 * @param severity the config file's {@code severity: {ID: level}}
 */
public record RuleSelection(
    Set<String> configDisabled, Set<String> enabled, Set<String> disabled, Map<String, Severity> severity) {

  public RuleSelection {
    configDisabled = Set.copyOf(configDisabled);
    enabled = Set.copyOf(enabled);
    disabled = Set.copyOf(disabled);
    severity = Map.copyOf(severity);
  }

  /** Every rule at its own severity. */
  public static RuleSelection all() {
    return new RuleSelection(Set.of(), Set.of(), Set.of(), Map.of());
  }

  public boolean runs(String id) {
    return !disabled.contains(id) && (enabled.contains(id) || !configDisabled.contains(id));
  }

  /**
   * What is wrong with this selection for these rules, one line each: ids that name no rule (with the closest
   * ids), and ids both enabled and disabled on the command line. Empty when it can be used.
   */
  public List<String> problems(Collection<RuleSpec> rules) {
    Set<String> known = new TreeSet<>();
    for (RuleSpec r : rules) {
      known.add(r.id());
    }
    List<String> out = new ArrayList<>();
    unknown("--enable", enabled, known, out);
    unknown("--disable", disabled, known, out);
    unknown("the config file's disable:", configDisabled, known, out);
    unknown("the config file's severity:", new TreeMap<>(severity).keySet(), known, out);
    for (String id : new TreeSet<>(enabled)) {
      if (disabled.contains(id)) {
        out.add(id + " is given to both --enable and --disable; keep one");
      }
    }
    return out;
  }

  private static void unknown(String where, Set<String> ids, Set<String> known, List<String> out) {
    for (String id : new TreeSet<>(ids)) {
      if (!known.contains(id)) {
        out.add(where + " names " + id + ", which is no rule" + RuleSuggestions.didYouMean(id, known)
            + "; `rbac-audit rules list` shows them all");
      }
    }
  }
}

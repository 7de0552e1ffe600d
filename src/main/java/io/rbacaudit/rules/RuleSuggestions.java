package io.rbacaudit.rules;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Close rule ids for a mistyped one: the same letters in another case, else ids at most two edits away. */
public final class RuleSuggestions {

  private static final int MAX_DISTANCE = 2;
  private static final int MAX_SUGGESTIONS = 3;

  private RuleSuggestions() {}

  /** Up to three known ids closest to {@code given}, closest first. */
  public static List<String> closest(String given, Collection<String> known) {
    String g = given.toUpperCase(Locale.ROOT);
    List<String> sameLetters = known.stream().filter(k -> k.equalsIgnoreCase(given)).toList();
    if (!sameLetters.isEmpty()) {
      return sameLetters;
    }
    return known.stream()
        .filter(k -> distance(g, k.toUpperCase(Locale.ROOT)) <= MAX_DISTANCE)
        .sorted(Comparator.comparingInt((String k) -> distance(g, k.toUpperCase(Locale.ROOT)))
            .thenComparing(RuleLoader.ID_ORDER))
        .limit(MAX_SUGGESTIONS)
        .toList();
  }

  /** {@code " (did you mean RBAC-201?)"}, or empty. */
  public static String didYouMean(String given, Collection<String> known) {
    List<String> close = closest(given, known);
    if (close.isEmpty()) {
      return "";
    }
    String last = close.get(close.size() - 1);
    String list = close.size() == 1 ? last : String.join(", ", close.subList(0, close.size() - 1)) + " or " + last;
    return " (did you mean " + list + "?)";
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}

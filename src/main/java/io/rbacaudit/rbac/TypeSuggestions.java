package io.rbacaudit.rbac;

import io.rbacaudit.rbac.ResourceTable.Entry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Built-in types whose names are close to a mistyped TYPE, for the "did you mean" of an unknown-type error. */
final class TypeSuggestions {

  private static final int MAX_SUGGESTIONS = 5;
  private static final int MIN_PREFIX = 3;

  private TypeSuggestions() {}

  /**
   * Qualified names ({@code pods}, {@code deployments.apps}) of entries with a plural, singular or short name within
   * a small edit distance of {@code word} (1 for words of up to 4 letters, else 2), or starting with it; closest
   * first, then in table order.
   */
  static List<String> closeTo(String word, ResourceTable table) {
    int limit = word.length() <= 4 ? 1 : 2;
    Map<String, Integer> best = new LinkedHashMap<>();
    for (Entry entry : table.entries()) {
      int distance = Stream.concat(Stream.of(entry.resource(), entry.singular()), entry.shortNames().stream())
          .mapToInt(name -> score(word, name))
          .min()
          .orElse(Integer.MAX_VALUE);
      if (distance <= limit) {
        best.merge(entry.qualifiedName(), distance, Math::min);
      }
    }
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(best.entrySet());
    ranked.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
    return ranked.stream().limit(MAX_SUGGESTIONS).map(Map.Entry::getKey).toList();
  }

  /** Edit distance, with a typed prefix of a longer name ("persistentvol") counting as a near miss. */
  private static int score(String word, String name) {
    if (word.length() >= MIN_PREFIX && name.startsWith(word)) {
      return 1;
    }
    return distance(word, name);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

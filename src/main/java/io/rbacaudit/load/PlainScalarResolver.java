package io.rbacaudit.load;

import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * snakeyaml's resolver with the same answers but without a regular expression for most plain scalars: it matches
 * an "empty" pattern against every scalar and boolean/null patterns against every word starting with n, t, f...
 * (name, namespace, true), which dominated loading time on large inputs. Here such words are a map look-up, and
 * scalars whose first character no implicit type can start with are strings at once, as are longer words; plain
 * decimal integers (ports, counts) are integers at once. Other numbers, dates, merge keys and the rest still go to
 * snakeyaml's patterns.
 */
final class PlainScalarResolver extends Resolver {

  /** First characters snakeyaml registers implicit resolvers for, other than the word types below. */
  private static final String DELEGATED = "-+0123456789.<!&*";
  /** First characters of the boolean and null words. */
  private static final String WORD_START = "yYnNtTfFoO~";

  private static final Map<String, Tag> WORDS = new HashMap<>();
  private static final int LONGEST_WORD = 5;

  static {
    for (String w : new String[] {"yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
        "FALSE", "on", "On", "ON", "off", "Off", "OFF"}) {
      WORDS.put(w, Tag.BOOL);
    }
    for (String w : new String[] {"~", "null", "Null", "NULL"}) {
      WORDS.put(w, Tag.NULL);
    }
  }

  @Override
  public Tag resolve(NodeId kind, String value, boolean implicit) {
    if (kind != NodeId.scalar || !implicit) {
      return super.resolve(kind, value, implicit);
    }
    if (value.isEmpty() || value.equals(" ")) {
      return Tag.NULL;
    }
    char first = value.charAt(0);
    if (WORD_START.indexOf(first) >= 0) {
      // Most such scalars are longer words (name, namespace): no hashing for them.
      return value.length() > LONGEST_WORD ? Tag.STR : WORDS.getOrDefault(value, Tag.STR);
    }
    if (first >= '1' && first <= '9' && digits(value)) {
      return Tag.INT; // snakeyaml's int pattern, [1-9][0-9_]*, before any other (ports, counts)
    }
    if (DELEGATED.indexOf(first) >= 0) {
      return super.resolve(kind, value, implicit);
    }
    return Tag.STR;
  }

  private static boolean digits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}

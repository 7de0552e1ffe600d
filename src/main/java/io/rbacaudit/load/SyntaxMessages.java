package io.rbacaudit.load;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns snakeyaml's exceptions into one-line messages that never repeat file content: the broken text may be a
 * Secret's value, so snippets are left out and user text inside snakeyaml's wording is cut.
 */
final class SyntaxMessages {

  /** snakeyaml messages that end with raw text from the input (an alias name may be a password's tail). */
  private static final String[] ENDS_WITH_INPUT = {
    "found undefined alias", "found duplicate anchor", "Global tag is not allowed", "found undefined tag handle",
  };

  private SyntaxMessages() {}

  static String describe(MarkedYAMLException e) {
    String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
    if (problem == null) {
      return "the text is not valid YAML";
    }
    String text = clean(problem);
    if (text.startsWith("found undefined alias")) {
      return "found an undefined alias (a value starting with * names an alias: put the value in quotes)";
    }
    if (e.getContext() != null && e.getProblem() != null) {
      text = text + " (" + clean(e.getContext()) + ")";
    }
    return text;
  }

  /**
   * Bound-exceeded messages (aliases, nesting, code points) carry numbers only, but are cleaned the same way for
   * safety; any other exception is named by its class alone.
   */
  static String bounded(RuntimeException e) {
    if (e instanceof YAMLException && e.getMessage() != null) {
      return clean(e.getMessage());
    }
    return "internal error " + e.getClass().getSimpleName();
  }

  private static String clean(String raw) {
    for (String prefix : ENDS_WITH_INPUT) {
      if (raw.startsWith(prefix)) {
        return prefix;
      }
    }
    StringBuilder out = new StringBuilder(raw.length());
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '\'') {
        int end = raw.indexOf('\'', i + 1);
        if (end > 0 && end - i - 1 > 8) {
          // Longer than one character as snakeyaml shows it (a tab is '\\t(TAB)'): may be user content.
          out.append("'...'");
          i = end + 1;
          continue;
        }
      }
      out.append(Character.isWhitespace(c) ? ' ' : c);
      i++;
    }
    return out.toString().replaceAll(" +", " ").trim();
  }

  /**
   * An un-rendered Helm template shows {@code {{} on the broken line or its context line, or starts a line with
   * {@code {{} (control actions such as {@code {{- if .Values.x }}}).
   */
  static boolean looksLikeHelmTemplate(String text, Mark problem, Mark context) {
    if (problem != null && lineAt(text, problem.getLine()).contains("{{")) {
      return true;
    }
    if (context != null && lineAt(text, context.getLine()).contains("{{")) {
      return true;
    }
    int from = 0;
    while (from < text.length()) {
      int end = text.indexOf('\n', from);
      if (end < 0) {
        end = text.length();
      }
      if (text.substring(from, end).strip().startsWith("{{")) {
        return true;
      }
      from = end + 1;
    }
    return false;
  }

  private static String lineAt(String text, int zeroBasedLine) {
    int start = 0;
    for (int line = 0; line < zeroBasedLine; line++) {
      int nl = text.indexOf('\n', start);
      if (nl < 0) {
        return "";
      }
      start = nl + 1;
    }
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end);
  }
}

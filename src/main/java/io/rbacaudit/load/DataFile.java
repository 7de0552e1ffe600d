package io.rbacaudit.load;

import java.util.Map;
import java.util.Objects;

/**
 * A data file read by {@link DataFileReader}: its value tree, and the line of every field and item for messages.
 *
 * @param root a {@code Map<String, Object>}, {@code List<Object>}, String, Boolean, Long, Double or null
 * @param lines 1-based line by path: {@code ""} is the root, {@code params.anyOf[0].verbs} a nested field
 */
public record DataFile(String source, Object root, Map<String, Integer> lines) {

  public DataFile {
    Objects.requireNonNull(source, "source");
    lines = Map.copyOf(lines);
  }

  /**
   * The line of {@code path}, or of its nearest enclosing field or item that has one (so a message about a field
   * that is missing points at the map that should hold it); 0 when nothing is known.
   */
  public int line(String path) {
    String p = path;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 0;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
  }
}

package io.rbacaudit.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The scan report formats, chosen by name ({@code -o NAME}, {@code --report NAME=FILE}) from an immutable map. */
public final class Renderers {

  private final Map<String, ReportRenderer> byName;

  private Renderers(Map<String, ReportRenderer> byName) {
    this.byName = Map.copyOf(byName);
  }

  /**
   * Every scan format.
   *
   * @param color ANSI colour in the text format: the caller decides (standard output is a terminal and NO_COLOR is
   *     unset); reports written to files are never coloured
   */
  public static Renderers standard(boolean color) {
    return standard(color, null);
  }

  /**
   * Every scan format, the HTML one from {@code templateDir} first (null: the bundled templates only).
   */
  public static Renderers standard(boolean color, Path templateDir) {
    return new Renderers(Map.of(
        "text", new TextReportRenderer(color),
        "json", new JsonReportRenderer(),
        "sarif", new SarifRenderer(),
        "junit", new JunitRenderer(),
        "markdown", new MarkdownRenderer(),
        "html", new HtmlReportRenderer(templateDir)));
  }

  /** The format names, sorted. */
  public List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }

  /** The map itself (immutable). */
  public Map<String, ReportRenderer> asMap() {
    return byName;
  }

  /**
   * The renderer for a format name (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid formats when there is no such format
   */
  public ReportRenderer get(String name) {
    Objects.requireNonNull(name, "name");
    ReportRenderer r = byName.get(name.trim().toLowerCase(Locale.ROOT));
    if (r == null) {
      throw new IllegalArgumentException(
          "unknown report format '" + TerminalText.safe(name) + "': use one of " + String.join(", ", names()));
    }
    return r;
  }
}

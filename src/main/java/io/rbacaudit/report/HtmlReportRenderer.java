package io.rbacaudit.report;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.rbacaudit.findings.ScanResult;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The scan as one self-contained HTML page, from the FreeMarker {@code .ftlh} templates in {@code reports-templates/}
 * (auto-escaped HTML). Templates see only an {@link HtmlView}.
 */
public final class HtmlReportRenderer implements ReportRenderer {

  /** Where the bundled templates are on the class path (the top-level reports-templates/ folder, packaged). */
  static final String BUNDLED = "/reports-templates";
  static final String MAIN = "scan.ftlh";
  static final String DIFF = "diff.ftlh";

  private final Configuration config;

  /** The bundled templates. */
  public HtmlReportRenderer() {
    this(null);
  }

  /**
   * @param templateDir a folder whose templates are used before the bundled ones (a file missing there comes from the
   *     bundle, so overriding {@code scan.ftlh} alone is enough), or null
   */
  public HtmlReportRenderer(Path templateDir) {
    config = new Configuration(Configuration.VERSION_2_3_35);
    config.setTemplateLoader(loader(templateDir));
    config.setDefaultEncoding(StandardCharsets.UTF_8.name());
    config.setOutputFormat(HTMLOutputFormat.INSTANCE);
    config.setRecognizeStandardFileExtensions(true);
    config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    config.setLogTemplateExceptions(false);
    config.setWrapUncheckedExceptions(true);
    config.setFallbackOnNullLoopVariable(false);
    // Numbers and dates must not depend on the machine that writes the report: golden files compare bytes.
    config.setLocale(Locale.ROOT);
    config.setTimeZone(TimeZone.getTimeZone("UTC"));
    config.setNumberFormat("computer");
  }

  private static TemplateLoader loader(Path dir) {
    ClassTemplateLoader bundled = new ClassTemplateLoader(HtmlReportRenderer.class, BUNDLED);
    if (dir == null) {
      return bundled;
    }
    try {
      return new MultiTemplateLoader(new TemplateLoader[] {new FileTemplateLoader(dir.toFile()), bundled});
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read templates from " + dir + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String render(ScanResult result) {
    return render(HtmlViewAssembler.of(result));
  }

  String render(HtmlView view) {
    return process(MAIN, view);
  }

  /** {@code diff -o html}: new, resolved and unchanged findings, from {@code diff.ftlh}. */
  public String render(HtmlDiffView view) {
    return process(DIFF, view);
  }

  private String process(String template, Object view) {
    StringWriter out = new StringWriter();
    try {
      config.getTemplate(template).process(Map.of("r", view), out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the HTML report template " + template + ": " + e.getMessage(), e);
    } catch (TemplateException e) {
      throw new IllegalStateException("the HTML report template failed: " + e.getMessage(), e);
    }
    String html = out.toString();
    return html.endsWith("\n") ? html : html + "\n";
  }
}

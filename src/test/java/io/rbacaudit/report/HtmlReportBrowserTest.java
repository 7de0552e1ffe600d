package io.rbacaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rbacaudit.findings.ScanResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The HTML report in headless Chromium, opened from file://: it loads without console errors or network requests,
 * its filters change what is shown, a finding's detail shows its evidence, and hostile names stay text. Skipped when
 * Debian's chromium-driver is not installed ({@code .ci/run} installs it).
 */
class HtmlReportBrowserTest {

  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path OUT = Path.of("target", "html-report");

  private static ChromeDriverService service;
  private static Path profile;
  private static WebDriver driver;

  @BeforeAll
  static void startBrowser() throws IOException {
    assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
        "chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)");
    Files.createDirectories(OUT);
    profile = Files.createTempDirectory("rbac-audit-chromium");
    service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  static void stopBrowser() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Opens a fresh page; the console log is read (and so emptied) first, so each test sees only its own page's. */
  private static WebDriver open(String name, String html) throws IOException {
    Path file = OUT.resolve(name).toAbsolutePath();
    Files.writeString(file, html, StandardCharsets.UTF_8);
    driver.get("about:blank");
    driver.manage().logs().get(LogType.BROWSER);
    driver.get(file.toUri().toString());
    return driver;
  }

  /** For a person to look at: target/html-report/NAME. */
  private static void screenshot(WebDriver d, String name) throws IOException {
    Path png = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, OUT.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String text(WebDriver d, String id) {
    return d.findElement(By.id(id)).getText();
  }

  private static void waitForMatches(WebDriver d, String count) {
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> count.equals(text(x, "match-count")));
  }

  private static int visibleRows(WebDriver d) {
    return d.findElements(By.cssSelector("#rows tr")).size();
  }

  private static void assertNoErrorsAndNoRequests(WebDriver d) {
    List<LogEntry> errors = d.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    assertTrue(errors.isEmpty(), "console errors: " + errors);
    Object requests = ((JavascriptExecutor) d).executeScript(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
    assertEquals(List.of(), requests, "the report fetched nothing");
  }

  @Test
  void filtersSortsAndShowsAFindingsEvidence() throws IOException {
    WebDriver d = open("sample.html", new HtmlReportRenderer().render(SampleScan.result()));
    waitForMatches(d, "8");
    assertEquals(8, visibleRows(d));
    screenshot(d, "sample-top.png");

    new Select(d.findElement(By.id("f-severity"))).selectByValue("high");
    waitForMatches(d, "3");
    assertEquals(3, visibleRows(d));
    d.findElement(By.id("f-reset")).click();
    waitForMatches(d, "8");

    new Select(d.findElement(By.id("f-namespace"))).selectByValue("shop");
    waitForMatches(d, "5");
    new Select(d.findElement(By.id("f-kind"))).selectByValue("ServiceAccount");
    waitForMatches(d, "1");
    d.findElement(By.id("f-reset")).click();
    waitForMatches(d, "8");

    new Select(d.findElement(By.id("f-rule"))).selectByValue("RBAC-201");
    waitForMatches(d, "2");
    new Select(d.findElement(By.id("f-status"))).selectByValue("suppressed");
    waitForMatches(d, "1");
    d.findElement(By.id("f-reset")).click();
    d.findElement(By.id("f-text")).sendKeys("kustomize");
    waitForMatches(d, "1");
    d.findElement(By.id("f-reset")).click();
    waitForMatches(d, "8");

    d.findElement(By.cssSelector("th[data-sort='subject']")).click();
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.findElement(By.cssSelector("#rows tr td:nth-child(3)"))
        .getText().startsWith("ClusterRole role-writer"));

    WebElement reader = d.findElements(By.cssSelector("#rows tr")).stream()
        .filter(r -> r.getText().contains("ServiceAccount shop/reader")).findFirst().orElseThrow();
    reader.click();
    WebElement detail = d.findElement(By.id("detail"));
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> detail.isDisplayed());
    String shown = detail.getText();
    assertTrue(shown.contains("RoleBinding shop/read-secrets"), shown);
    assertTrue(shown.contains("Role shop/secret-reader"), shown);
    assertTrue(shown.contains("rule #1") && shown.contains("deploy/shop/rbac.yaml:9"), shown);
    assertTrue(shown.contains("Deployment shop/reader"), "the workload that exposes it: " + shown);
    String snippet = text(d, "snippet");
    assertTrue(snippet.contains("- rule: \"RBAC-201\"") && snippet.contains("reason:") && snippet.contains("expires:"),
        snippet);

    screenshot(d, "sample-detail.png");
    assertNoErrorsAndNoRequests(d);
  }

  @Test
  void hostileNamesStayText() throws IOException {
    WebDriver d = open("hostile.html", new HtmlReportRenderer().render(HostileScan.result()));
    waitForMatches(d, "3");
    d.findElement(By.cssSelector("#rows tr")).click();
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.findElement(By.id("detail")).isDisplayed());
    assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert(), "nothing executed");
    assertTrue(text(d, "detail").contains("<script>alert(1)</script>"), "the markup is shown as text");
    assertEquals(0L, ((JavascriptExecutor) d).executeScript(
        "return document.querySelectorAll('#detail img, #rows img, #detail script, #rows script').length;"));
    assertFalse((Boolean) ((JavascriptExecutor) d).executeScript(
        "return Array.prototype.some.call(document.querySelectorAll('a[href]'),"
            + " function (a) { return /^javascript:/i.test(a.getAttribute('href')); });"), "no javascript: link");
    screenshot(d, "hostile.png");
    assertNoErrorsAndNoRequests(d);
  }

  /** A subject's matrix: full, resourceNames-limited and wildcard cells, per scope, from a finding's link. */
  @Test
  void subjectViewShowsThePermissionMatrix() throws IOException {
    WebDriver d = open("subjects.html", new HtmlReportRenderer().render(SampleScan.result()));
    waitForMatches(d, "8");
    d.findElements(By.cssSelector("#rows tr")).stream()
        .filter(r -> r.getText().contains("ServiceAccount shop/reader")).findFirst().orElseThrow().click();
    WebElement permissions = new WebDriverWait(d, Duration.ofSeconds(5))
        .until(x -> x.findElement(By.partialLinkText("What ServiceAccount shop/reader can do")));
    permissions.click();
    WebElement subject = d.findElement(By.id("subject"));
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> subject.isDisplayed());
    assertTrue(subject.getText().contains("RoleBinding shop/read-secrets \u2192 Role shop/secret-reader, in namespace shop"),
        subject.getText());
    WebElement secrets = subject.findElement(
        By.cssSelector("table.matrix[data-scope='shop'] td[data-row='secrets'][data-verb='get']"));
    assertEquals("\u2713", secrets.getText());
    assertEquals("full", secrets.getAttribute("class"));
    WebElement config = subject.findElement(
        By.cssSelector("table.matrix[data-scope='shop'] td[data-row='configmaps'][data-verb='get']"));
    assertEquals("names: shop-config", config.getText());
    assertEquals("", subject.findElement(
        By.cssSelector("table.matrix[data-scope='shop'] td[data-row='configmaps'][data-verb='list']")).getText(),
        "not granted");
    screenshot(d, "subject.png");

    d.findElement(By.id("s-text")).sendKeys("kustomize");
    WebElement found = new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> {
      List<WebElement> links = x.findElements(By.cssSelector("#s-list a"));
      return links.size() == 1 ? links.get(0) : null;
    });
    assertEquals("ServiceAccount flux-system/kustomize-controller", found.getText());
    found.click();
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> subject.getText().contains("kustomize-controller"));
    WebElement all = subject.findElement(By.cssSelector("table.matrix[data-scope=''] td[data-row='*.*'][data-verb='*']"));
    assertEquals("full wild", all.getAttribute("class"), "a wildcard is shown as one");
    assertTrue(subject.getText().contains("ClusterRole cluster-admin (built-in), cluster-wide"), subject.getText());
    assertNoErrorsAndNoRequests(d);
  }

  /** An RBAC-701 finding's path is drawn as SVG: a box per vertex, an arrow per step, every label as text. */
  @Test
  void escalationPathIsDrawn() throws IOException {
    WebDriver d = open("escalation.html", new HtmlReportRenderer().render(SampleScan.escalation()));
    waitForMatches(d, "9");
    new Select(d.findElement(By.id("f-rule"))).selectByValue("RBAC-701");
    waitForMatches(d, "1");
    d.findElement(By.cssSelector("#rows tr")).click();
    WebElement drawing = new WebDriverWait(d, Duration.ofSeconds(5))
        .until(x -> x.findElement(By.cssSelector("#detail svg.path")));
    List<WebElement> steps = drawing.findElements(By.cssSelector("g.step"));
    assertEquals(2, steps.size());
    WebElement hop = steps.get(0);
    assertEquals("impersonate-serviceaccount", hop.getAttribute("data-edge"));
    assertEquals("step hop", hop.getAttribute("class"));
    String curve = hop.findElement(By.tagName("path")).getAttribute("d");
    assertTrue(curve.startsWith("M 300 45 C "), "from the subject's box to the next: " + curve);
    assertEquals("step free", steps.get(1).getAttribute("class"));
    Object labels = ((JavascriptExecutor) d).executeScript(
        "return Array.prototype.map.call(document.querySelectorAll('#detail svg.path text'),"
            + " function (t) { return t.textContent; });");
    assertEquals(List.of("impersonate-serviceaccount", "deploy/support.yaml:7", "equivalent", "deploy/ops.yaml:3",
        "Group", "acme:support", "ServiceAccount", "kube-system/ops", "target", "cluster-admin equivalence"), labels);
    screenshot(d, "escalation.png");
    assertNoErrorsAndNoRequests(d);
  }

  /** Hostile names in a path and a subject's matrix are drawn as text. */
  @Test
  void hostileNamesInPathsAndMatricesStayText() throws IOException {
    WebDriver d = open("hostile-views.html", new HtmlReportRenderer().render(HostileScan.withPathAndAccess()));
    waitForMatches(d, "4");
    new Select(d.findElement(By.id("f-rule"))).selectByValue("RBAC-701");
    waitForMatches(d, "1");
    d.findElement(By.cssSelector("#rows tr")).click();
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> x.findElement(By.cssSelector("#detail svg.path")));
    d.findElement(By.partialLinkText("can do")).click();
    WebElement subject = d.findElement(By.id("subject"));
    new WebDriverWait(d, Duration.ofSeconds(5)).until(x -> subject.isDisplayed());
    assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert(), "nothing executed");
    assertTrue(subject.getText().contains("<script>alert(1)</script>"), "markup shown as text");
    assertTrue(text(d, "detail").contains("<U+202E>"), "bidi controls shown as code points");
    assertEquals(0L, ((JavascriptExecutor) d).executeScript(
        "return document.querySelectorAll('#detail img, #detail script, #detail foreignObject, #subject img,"
            + " #subject script, #s-list img').length;"));
    assertFalse((Boolean) ((JavascriptExecutor) d).executeScript(
        "return Array.prototype.some.call(document.querySelectorAll('a[href]'),"
            + " function (a) { return /^javascript:/i.test(a.getAttribute('href')); });"), "no javascript: link");
    screenshot(d, "hostile-views.png");
    assertNoErrorsAndNoRequests(d);
  }

  /**
   * A report of 100,000 findings (a large cluster) opens, filters and searches within seconds: the data is parsed once
   * and only the first page of rows is built. The size and timings are printed for the README.
   */
  @Test
  void aHundredThousandFindingsStayUsable() throws IOException {
    ScanResult big = LargeScan.result(100_000);
    String html = new HtmlReportRenderer().render(big);
    long start = System.nanoTime();
    WebDriver d = open("large.html", html);
    new WebDriverWait(d, Duration.ofSeconds(60)).until(x -> "100000".equals(text(x, "match-count")));
    long opened = System.nanoTime();
    assertEquals(200, visibleRows(d), "only the first page of rows is built");
    new Select(d.findElement(By.id("f-severity"))).selectByValue("critical");
    new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> !"100000".equals(text(x, "match-count")));
    d.findElement(By.id("f-text")).sendKeys("ns-42/");
    new WebDriverWait(d, Duration.ofSeconds(30)).until(x -> Integer.parseInt(text(x, "match-count")) < 1000);
    long filtered = System.nanoTime();
    System.out.printf("HTML report of %d findings: %d bytes; opened in %d ms, filtered in %d ms%n",
        big.findings().size(), html.getBytes(StandardCharsets.UTF_8).length, (opened - start) / 1_000_000,
        (filtered - opened) / 1_000_000);
    assertTrue(opened - start < Duration.ofSeconds(30).toNanos(), "opens in seconds, even on a busy CI machine");
    screenshot(d, "large.png");
    assertNoErrorsAndNoRequests(d);
  }
}

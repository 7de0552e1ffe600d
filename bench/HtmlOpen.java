import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How a large HTML report behaves in headless Chromium (Debian's chromium and chromium-driver): file size, time until
 * the findings table shows its first rows, time for a severity filter and a text search, and opening a subject's
 * matrix. A measurement, not a test: run it by hand on a report, e.g. the L benchmark's:
 *
 * <pre>
 * mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/test-cp.txt -Dmdep.includeScope=test
 * java -cp "$(cat target/test-cp.txt)" bench/HtmlOpen.java /tmp/L.html
 * </pre>
 */
public class HtmlOpen {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]).toAbsolutePath();
    Path profile = Files.createTempDirectory("html-open");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,1600",
        "--user-data-dir=" + profile);
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    WebDriver d = new ChromeDriver(service, options);
    try {
      d.get("about:blank");
      long start = System.nanoTime();
      d.get(file.toUri().toString());
      WebDriverWait wait = new WebDriverWait(d, Duration.ofSeconds(120));
      wait.until(x -> !x.findElements(By.cssSelector("#rows tr")).isEmpty());
      long shown = System.nanoTime();
      String total = d.findElement(By.id("match-count")).getText();
      new Select(d.findElement(By.id("f-severity"))).selectByValue("critical");
      wait.until(x -> !total.equals(x.findElement(By.id("match-count")).getText()));
      long filtered = System.nanoTime();
      String critical = d.findElement(By.id("match-count")).getText();
      d.findElement(By.id("f-text")).sendKeys(args.length > 1 ? args[1] : "secrets");
      wait.until(x -> !critical.equals(x.findElement(By.id("match-count")).getText()));
      long searched = System.nanoTime();
      String found = d.findElement(By.id("match-count")).getText();
      JavascriptExecutor js = (JavascriptExecutor) d;
      long subjectStart = System.nanoTime();
      // Reports written before the subject view have none: then this step is skipped.
      boolean subjects = !d.findElements(By.id("subject")).isEmpty();
      if (subjects) {
        js.executeScript("location.hash = 'subject-0';");
        wait.until(x -> !x.findElements(By.cssSelector("#subject table.matrix, #subject p")).isEmpty());
      }
      long subject = System.nanoTime();
      Object heap = js.executeScript("return performance.memory ? performance.memory.usedJSHeapSize : -1;");
      List<?> errors = d.manage().logs().get(LogType.BROWSER).getAll();
      System.out.printf("%s: %,d bytes, %s findings%n", file.getFileName(), Files.size(file), total);
      System.out.printf("  first rows shown after %d ms%n", ms(start, shown));
      System.out.printf("  severity filter (critical: %s) in %d ms%n", critical, ms(shown, filtered));
      System.out.printf("  text search (%s matches) in %d ms, including the 150 ms typing pause%n", found,
          ms(filtered, searched));
      System.out.printf("  subject view %s; JS heap %s bytes; console messages: %s%n",
          subjects ? "in " + ms(subjectStart, subject) + " ms" : "absent", heap, errors);
    } finally {
      d.quit();
    }
  }

  private static long ms(long from, long to) {
    return (to - from) / 1_000_000;
  }
}

package io.touchline.e2e.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its chromedriver, with the waits the UI tests use:
 * every wait is on a condition of the page (WebDriverWait), never a fixed sleep.
 */
final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final Path profile;
  private final String base;

  private Browser(ChromeDriver driver, Path profile, String base) {
    this.driver = driver;
    this.profile = profile;
    this.base = base;
  }

  /**
   * Skips the calling tests when the browser is not installed, except on CI ({@code CI=true}),
   * where a missing browser is a failure.
   */
  static void assumeInstalled() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    String message =
        "the browser tests need Debian's Chromium and its driver ("
            + CHROMIUM
            + ", "
            + CHROMEDRIVER
            + "): apt-get install -y chromium chromium-driver";
    if (!present && "true".equals(System.getenv("CI"))) {
      fail(message);
    }
    Assumptions.assumeTrue(present, message);
  }

  static Browser start(String base) throws IOException {
    Path profile = Files.createTempDirectory("touchline-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=1440,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(TIMEOUT);
    return new Browser(driver, profile, base);
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a path of the collector (e.g. {@code /funnels?step=…}). */
  void open(String path) {
    driver.get(base + path);
  }

  String base() {
    return base;
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  <T> T await(String what, ExpectedCondition<T> condition) {
    return new WebDriverWait(driver, TIMEOUT)
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Waits until the view has settled: no request out, no loading state, and every chart on the page
   * drawn (charts set data-rendered when ECharts reports them finished).
   */
  void awaitSettled(String view) {
    await(
        "the " + view + " view settles",
        d ->
            Boolean.TRUE.equals(
                js(
                    "const root = document.querySelector('#view .view-root');"
                        + "if (!root || root.dataset.view !== arguments[0]) return false;"
                        + "if ((document.body.dataset.pending || '0') !== '0') return false;"
                        + "if (document.querySelector('#view .state-loading')) return false;"
                        + "return [...document.querySelectorAll('#view [data-chart]')].every(c => c.dataset.rendered === 'true');",
                    view)));
  }

  WebElement find(String css) {
    return await(
        "an element " + css,
        d -> {
          List<WebElement> found = d.findElements(By.cssSelector(css));
          return found.isEmpty() ? null : found.get(0);
        });
  }

  List<WebElement> findAll(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Number of data rows of a table (its empty-state row excluded). */
  int rows(String tableCss) {
    return findAll(tableCss + " tbody tr:not(.empty)").size();
  }

  /**
   * Saves the page as {@code <name>.png} in the screenshots folder: the window grows to the page's
   * height first (up to 2400 px) so that the whole view is in the picture.
   */
  Path screenshot(String name) throws IOException {
    Path dir = Paths.get(System.getProperty("e2e.screenshots", "target/screenshots"));
    Files.createDirectories(dir);
    long height =
        ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
    Dimension original = driver.manage().window().getSize();
    int target = (int) Math.max(1000, Math.min(2400, height));
    if (target != original.getHeight()) {
      driver.manage().window().setSize(new Dimension(1440, target));
      await(
          "the page fits the window",
          d ->
              Boolean.TRUE.equals(
                  js(
                      "return window.innerHeight >= Math.min(arguments[0], document.documentElement.scrollHeight) - 2",
                      target - 200)));
      js("window.scrollTo(0, 0)");
    }
    Path file = dir.resolve(name + ".png");
    Files.copy(
        driver.getScreenshotAs(OutputType.FILE).toPath(),
        file,
        StandardCopyOption.REPLACE_EXISTING);
    if (target != original.getHeight()) {
      driver.manage().window().setSize(original);
    }
    return file;
  }

  /**
   * The page's console errors so far, except failed requests the UI answers itself (a 404, a 409).
   */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(m -> !m.contains("Failed to load resource"))
        .collect(Collectors.toList());
  }

  @Override
  public void close() throws IOException {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}

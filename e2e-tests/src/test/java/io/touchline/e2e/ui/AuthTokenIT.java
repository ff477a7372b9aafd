package io.touchline.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.e2e.DemoEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web UI against a collector with {@code auth.apiToken} set and no data yet: the UI asks for
 * the token once, keeps it for the tab, sends it with every request (the live stream included), and
 * tells what to do to get data. A token without the read scope is refused, and the UI asks again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthTokenIT {

  private static final String TOKEN = "ui-test-token-0123456789";

  /** A token of the collector's that may only send spans. */
  private static final String INGEST_ONLY = "ui-test-ingest-only-0123456789";

  private Path tmp;
  private DemoEnvironment collector;
  private Browser browser;

  @BeforeAll
  void start() throws Exception {
    Browser.assumeInstalled();
    tmp = Files.createTempDirectory("touchline-ui-auth-");
    collector = new DemoEnvironment(tmp, DemoEnvironment.logDirectory("ui-auth"));
    collector.startCollector(
        "auth:",
        "  apiToken: " + TOKEN,
        "  tokens:",
        "    - {name: shop-agents, token: " + INGEST_ONLY + ", scopes: [ingest]}");
    browser = Browser.start(collector.api());
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (collector != null) {
      collector.close();
    }
    if (tmp != null) {
      try (var files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void theUiAsksForTheTokenOnceAndSaysHowToGetData() throws Exception {
    Api api = new Api(collector.api());
    assertThat(api.get("/api/overview").status()).as("the API wants the token").isEqualTo(401);

    browser.open("/");
    WebElement dialog = browser.find("#token-dialog[open]");
    dialog.findElement(By.cssSelector("input")).sendKeys(TOKEN, Keys.ENTER);
    browser.awaitSettled("overview");
    assertThat(browser.find("#view .state-empty").getText())
        .contains("No touchpoints yet")
        .contains("bin/demo");
    assertThat(browser.js("return sessionStorage.getItem('touchline.apiToken')")).isEqualTo(TOKEN);
    browser.screenshot("token-empty-overview");

    // Another view and the live stream (EventSource, token as access_token) without asking again.
    browser.find("#nav a[data-view=flows]").click();
    browser.awaitSettled("flows");
    browser.find("#nav a[data-view=live]").click();
    browser.await(
        "the live stream is open",
        d -> !d.findElements(By.cssSelector(".view-root[data-live=on]")).isEmpty());
    assertThat(browser.findAll("#token-dialog[open]")).isEmpty();
    assertThat(browser.consoleErrors()).isEmpty();
  }

  @Test
  void aTokenWithoutTheReadScopeIsRefusedAndTheUiAsksForAnother() throws Exception {
    try {
      browser.open("/");
      browser.js("sessionStorage.setItem('touchline.apiToken', arguments[0])", INGEST_ONLY);
      browser.open("/");
      WebElement dialog = browser.find("#token-dialog[open]");
      assertThat(dialog.findElement(By.cssSelector(".token-message")).getText())
          .contains("does not have the read scope");
      dialog.findElement(By.cssSelector("input")).sendKeys(TOKEN, Keys.ENTER);
      browser.awaitSettled("overview");
      assertThat(browser.js("return sessionStorage.getItem('touchline.apiToken')"))
          .isEqualTo(TOKEN);
      assertThat(browser.consoleErrors()).isEmpty();
    } finally {
      browser.js("sessionStorage.clear()");
    }
  }
}

package io.touchline.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.touchline.e2e.DemoEnvironment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web UI in a real browser over the demo dataset: the collector jar, the four demo channel apps
 * with the agent and the simulator, as DemoIT runs them (60 customers, seed 1). Every view is
 * opened and must draw what the API answers; a funnel is built with the builder, a drop-off bar
 * clicked through to a customer's timeline; a deep link opened in a fresh window gives the same
 * state; the live view receives a touchpoint sent while it is open. A screenshot of each view goes
 * to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {

  private static final String[] FUNNEL = {"product.view", "cart.add", "order.placed"};

  private Path tmp;
  private DemoEnvironment demo;
  private Browser browser;
  private Api api;

  @BeforeAll
  void startDemoAndBrowser() throws Exception {
    Browser.assumeInstalled();
    tmp = Files.createTempDirectory("touchline-ui-it-");
    demo = new DemoEnvironment(tmp, DemoEnvironment.logDirectory("ui"));
    assertThat(demo.writePopulation(60, 1)).as("population").isZero();
    demo.startCollector();
    demo.startApps();
    assertThat(demo.simulate(1)).as("the simulator met no error").isZero();
    demo.awaitStoredTouchpoints(demo.summary().get("touchpointsExpected").asLong());
    api = new Api(demo.api());
    browser = Browser.start(demo.api());
  }

  @AfterEach
  void noScriptErrors() {
    if (browser != null) {
      assertThat(browser.consoleErrors()).as("errors in the browser's console").isEmpty();
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) {
      browser.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (tmp != null) {
      try (var files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  @Order(1)
  void overviewDrawsTheTotalsOfTheApiAndItsFirstRenderIsMeasured() throws Exception {
    browser.open("/");
    browser.awaitSettled("overview");
    assertThat(browser.driver().getCurrentUrl()).endsWith("/overview");
    double firstRender =
        ((Number)
                browser.await(
                    "the overview chart's first render is recorded",
                    d -> browser.js("return window.__touchlineFirstRender")))
            .doubleValue();
    String figure =
        String.format(
            Locale.ROOT,
            "UI first render (navigation start to the overview chart drawn): %.0f ms",
            firstRender);
    System.out.println(figure);
    Path screenshots = Paths.get(System.getProperty("e2e.screenshots", "target/screenshots"));
    Files.createDirectories(screenshots);
    Files.writeString(screenshots.resolve("first-render.txt"), figure + "\n");

    JsonNode stats = api.json("/api/stats");
    JsonNode overview =
        api.json("/api/overview?tz=" + URLEncoder.encode(zone(), StandardCharsets.UTF_8));
    assertThat(kpi("touchpoints"))
        .isEqualTo(stats.get("touchpoints").asText())
        .isEqualTo(overview.get("touchpoints").asText());
    assertThat(kpi("profiles")).isEqualTo(overview.get("profiles").asText());
    assertThat(kpi("ambiguous"))
        .isEqualTo(overview.get("ambiguous").asText())
        .isEqualTo(stats.get("ambiguous").asText());
    assertThat(kpi("unattributed"))
        .isEqualTo(overview.get("unattributed").asText())
        .isEqualTo(stats.get("unattributed").asText());
    assertThat(Double.parseDouble(kpi("identifiedShare")))
        .isEqualTo(overview.get("identifiedShare").asDouble());
    assertThat(browser.rows(".channels-table"))
        .isEqualTo(overview.get("channels").size())
        .isEqualTo(4);
    assertThat(browser.rows(".top-table")).isEqualTo(overview.get("topTouchpoints").size());
    assertThat(browser.find("[data-chart=overview]").getAttribute("data-rendered"))
        .isEqualTo("true");
    browser.screenshot("overview");
  }

  @Test
  @Order(2)
  void theFilterBarNarrowsTheOverviewAsTheApiDoes() throws Exception {
    browser.open("/overview");
    browser.awaitSettled("overview");
    // Channel: the web only.
    pickInMultiSelect("channel", "web");
    browser.await(
        "the channel filter is in the address", d -> d.getCurrentUrl().contains("channel=web"));
    browser.awaitSettled("overview");
    JsonNode web =
        api.json(
            "/api/overview?channel=web&tz=" + URLEncoder.encode(zone(), StandardCharsets.UTF_8));
    assertThat(kpi("touchpoints")).isEqualTo(web.get("touchpoints").asText());
    assertThat(browser.rows(".channels-table")).isEqualTo(1);

    // Segment: an attribute from the catalog, then a value from /api/segments.
    new Select(browser.find("select[data-param=segment]")).selectByValue("customer.tier");
    JsonNode values = api.json("/api/segments?attribute=customer.tier");
    String value = values.get("values").get(0).get("value").asText();
    pickInMultiSelect("segment", value);
    browser.await(
        "the segment is in the address", d -> d.getCurrentUrl().contains("segment=customer.tier"));
    browser.awaitSettled("overview");
    JsonNode segment =
        api.json(
            "/api/overview?channel=web&segment="
                + URLEncoder.encode("customer.tier:" + value, StandardCharsets.UTF_8)
                + "&tz="
                + URLEncoder.encode(zone(), StandardCharsets.UTF_8));
    assertThat(kpi("touchpoints")).isEqualTo(segment.get("touchpoints").asText());
    assertThat(kpi("profiles")).isEqualTo(segment.get("profiles").asText());
    assertThat(segment.get("touchpoints").asLong()).isLessThan(web.get("touchpoints").asLong());
    browser.screenshot("overview-filtered");
    // The next tests start unfiltered (the navigation carries the filters over).
    browser.open("/overview");
    browser.awaitSettled("overview");
  }

  @Test
  @Order(3)
  void flowsDrawTheSankeyTheGraphAndTheTransitionsOfTheApi() throws Exception {
    browser.find("#nav a[data-view=flows]").click();
    browser.awaitSettled("flows");
    JsonNode byChannel = api.json("/api/flows?by=channel");
    WebElement sankey = browser.find("[data-chart=sankey]");
    assertThat(sankey.getAttribute("data-links"))
        .isEqualTo(String.valueOf(byChannel.get("sankey").get("links").size()));
    assertThat(browser.rows(".transitions-table"))
        .isEqualTo(byChannel.get("transitions").size())
        .isPositive();
    assertThat(browser.findAll("[data-chart=follows]")).hasSize(1);

    browser.find("[data-param=by] button:last-child").click();
    browser.await("the flows are by touchpoint", d -> d.getCurrentUrl().contains("by=touchpoint"));
    browser.awaitSettled("flows");
    JsonNode byTouchpoint = api.json("/api/flows?by=touchpoint");
    assertThat(browser.find("[data-chart=sankey]").getAttribute("data-links"))
        .isEqualTo(String.valueOf(byTouchpoint.get("sankey").get("links").size()));
    assertThat(browser.rows(".transitions-table"))
        .isEqualTo(byTouchpoint.get("transitions").size());
    browser.screenshot("flows");
  }

  @Test
  @Order(4)
  void aFunnelBuiltInTheBuilderLeadsFromADropOffBarToACustomersTimeline() throws Exception {
    browser.find("#nav a[data-view=funnels]").click();
    browser.awaitSettled("funnels");
    // Two empty steps to start with; pick a touchpoint in each, then add a third, pinned to the
    // web.
    pickStep(0, FUNNEL[0]);
    pickStep(1, FUNNEL[1]);
    browser.await(
        "the two-step funnel is in the address",
        d -> d.getCurrentUrl().contains("step=" + FUNNEL[1]));
    browser.awaitSettled("funnels");
    browser.find("#funnel-builder [data-action=add-step]").click();
    browser.await("a third step row", d -> stepRows().size() == 3);
    pickStep(2, FUNNEL[2]);
    browser.await(
        "the three-step funnel is in the address",
        d -> d.getCurrentUrl().contains("step=" + FUNNEL[2]));
    browser.awaitSettled("funnels");
    new Select(stepRows().get(2).findElement(By.cssSelector("select.step-channel")))
        .selectByValue("web");
    browser.await(
        "the third step is pinned to the web",
        d -> d.getCurrentUrl().contains("step=order.placed%40web"));
    browser.awaitSettled("funnels");

    // Successful orders only: the step's outcome, then back to any outcome.
    new Select(stepRows().get(2).findElement(By.cssSelector("select.step-outcome")))
        .selectByValue("success");
    browser.await(
        "the third step asks for successful orders only",
        d -> d.getCurrentUrl().contains("step=order.placed%40web%3Asuccess"));
    browser.awaitSettled("funnels");
    JsonNode successful =
        api.json(
            "/api/funnels?step="
                + FUNNEL[0]
                + "&step="
                + FUNNEL[1]
                + "&step=order.placed%40web%3Asuccess");
    assertThat(successful.get("steps").get(2).get("outcome").asText()).isEqualTo("success");
    assertThat(
            browser
                .findAll(".steps-table tbody tr")
                .get(2)
                .findElements(By.cssSelector("td"))
                .get(1)
                .getText()
                .replace(",", ""))
        .isEqualTo(successful.get("steps").get(2).get("customers").asText());
    new Select(stepRows().get(2).findElement(By.cssSelector("select.step-outcome")))
        .selectByValue("");
    browser.await(
        "the third step takes any outcome again", d -> !d.getCurrentUrl().contains("%3Asuccess"));
    browser.awaitSettled("funnels");

    String query = "step=" + FUNNEL[0] + "&step=" + FUNNEL[1] + "&step=order.placed%40web";
    JsonNode funnel = api.json("/api/funnels?" + query);
    List<WebElement> rows = browser.findAll(".steps-table tbody tr");
    assertThat(rows).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode step = funnel.get("steps").get(i);
      assertThat(rows.get(i).findElements(By.cssSelector("td")).get(1).getText().replace(",", ""))
          .as("customers at step " + (i + 1))
          .isEqualTo(step.get("customers").asText());
    }

    // The step with the most drop-offs: click its red bar.
    int dropped = 1;
    for (int i = 2; i < 3; i++) {
      if (funnel.get("steps").get(i).get("droppedOff").asLong()
          > funnel.get("steps").get(dropped).get("droppedOff").asLong()) {
        dropped = i;
      }
    }
    long droppedOff = funnel.get("steps").get(dropped).get("droppedOff").asLong();
    assertThat(droppedOff).as("someone drops off in the demo's funnel").isPositive();
    clickBar("[data-chart=funnel]", 1, dropped);
    int stepIndex = dropped + 1;
    browser.await(
        "the drop-off's customers are in the address",
        d ->
            d.getCurrentUrl().contains("stepIndex=" + stepIndex)
                && d.getCurrentUrl().contains("outcome=dropped"));
    browser.awaitSettled("funnels");
    browser.find(".customers-table");
    JsonNode customers =
        api.json(
            "/api/funnels/customers?"
                + query
                + "&stepIndex="
                + stepIndex
                + "&outcome=dropped&limit=50");
    assertThat(customers.get("total").asLong()).isEqualTo(droppedOff);
    assertThat(browser.rows(".customers-table")).isEqualTo(customers.get("customers").size());
    assertThat(browser.find(".customers-total").getText())
        .startsWith(String.valueOf(droppedOff) + " customers");
    browser.screenshot("funnels");
    String deepLink = browser.driver().getCurrentUrl();

    // A deep link in a fresh window gives the same funnel and the same customers.
    String first = browser.driver().getWindowHandle();
    browser.driver().switchTo().newWindow(WindowType.WINDOW);
    browser.driver().get(deepLink);
    browser.awaitSettled("funnels");
    browser.find(".customers-table");
    List<String> picked = new ArrayList<>();
    for (WebElement row : stepRows()) {
      String name =
          new Select(row.findElement(By.cssSelector("select.step-touchpoint")))
              .getFirstSelectedOption()
              .getAttribute("value");
      String channel =
          new Select(row.findElement(By.cssSelector("select.step-channel")))
              .getFirstSelectedOption()
              .getAttribute("value");
      picked.add(channel.isEmpty() ? name : name + "@" + channel);
    }
    assertThat(picked).containsExactly(FUNNEL[0], FUNNEL[1], "order.placed@web");
    assertThat(browser.rows(".customers-table")).isEqualTo(customers.get("customers").size());
    assertThat(browser.find(".customers-total").getText())
        .startsWith(String.valueOf(droppedOff) + " customers");
    browser.driver().close();
    browser.driver().switchTo().window(first);

    // One of them (the one seen on most channels): their timeline, a swimlane per channel, every
    // touchpoint of the profile.
    String profileId = null;
    int best = -1;
    for (JsonNode c : customers.get("customers")) {
      JsonNode p = api.json("/api/profiles/" + c.get("profileId").asText());
      int score = p.get("channels").size() * 10_000 + p.get("touchpointCount").asInt();
      if (score > best) {
        best = score;
        profileId = c.get("profileId").asText();
      }
    }
    String chosen = profileId;
    browser.find(".customers-table a.customer-link");
    browser.findAll(".customers-table a.customer-link").stream()
        .filter(a -> a.getText().equals(chosen))
        .findFirst()
        .orElseThrow(() -> new AssertionError(chosen + " is not in the list"))
        .click();
    browser.await(
        "the customer view",
        d -> d.getCurrentUrl().contains("/customer?") && d.getCurrentUrl().contains(chosen));
    browser.awaitSettled("customer");
    JsonNode profile = api.json("/api/profiles/" + profileId);
    WebElement timeline = browser.find("[data-chart=timeline]");
    assertThat(timeline.getAttribute("data-points"))
        .isEqualTo(profile.get("touchpointCount").asText());
    assertThat(timeline.getAttribute("data-lanes"))
        .isEqualTo(String.valueOf(profile.get("channels").size()));
    assertThat(browser.rows(".touchpoints-table"))
        .isEqualTo(profile.get("touchpointCount").asInt());
    assertThat(browser.rows(".keys-table")).isEqualTo(profile.get("keys").size());
    JsonNode graph = api.json("/api/profiles/" + profileId + "/graph");
    assertThat(browser.findAll("[data-chart=identity]"))
        .as("the identity graph is drawn when there are keys to link")
        .hasSize(graph.get("keys").size() > 1 ? 1 : 0);
    assertThat(browser.rows(".links-table")).isEqualTo(graph.get("links").size());
    browser.screenshot("funnel-customer");

    // Back to the funnel with its customers, forward to the customer again.
    browser.driver().navigate().back();
    browser.await(
        "back on the funnel",
        d ->
            d.getCurrentUrl().contains("/funnels?")
                && d.getCurrentUrl().contains("outcome=dropped"));
    browser.awaitSettled("funnels");
    assertThat(browser.rows(".customers-table")).isEqualTo(customers.get("customers").size());
    browser.driver().navigate().forward();
    browser.await("forward on the customer", d -> d.getCurrentUrl().contains("/customer?"));
    browser.awaitSettled("customer");
    assertThat(browser.find("[data-chart=timeline]").getAttribute("data-points"))
        .isEqualTo(profile.get("touchpointCount").asText());
  }

  @Test
  @Order(5)
  void aBreakdownGroupListsOneGroupsDropOffs() throws Exception {
    String query = "step=" + FUNNEL[0] + "&step=" + FUNNEL[1] + "&step=" + FUNNEL[2];
    browser.open("/funnels?" + query);
    browser.awaitSettled("funnels");
    new Select(browser.find("select[data-param=breakdown]")).selectByValue("firstChannel");
    browser.await(
        "the breakdown is in the address",
        d -> d.getCurrentUrl().contains("breakdown=firstChannel"));
    browser.awaitSettled("funnels");
    JsonNode groups =
        api.json("/api/funnels?" + query + "&breakdown=firstChannel")
            .get("breakdown")
            .get("groups");
    assertThat(browser.rows(".breakdown-table")).isEqualTo(groups.size());
    // The first group that loses someone before the second step: click its drop-off.
    JsonNode group = null;
    for (JsonNode g : groups) {
      if (g.get("steps").get(1).get("droppedOff").asLong() > 0) {
        group = g;
        break;
      }
    }
    assertThat(group).as("a group with drop-offs in the demo").isNotNull();
    String value = group.get("value").asText();
    browser
        .find(
            ".breakdown-table a.group-link[data-group='"
                + value
                + "'][data-step-index='2'][data-outcome=dropped]")
        .click();
    browser.await(
        "the group's customers are in the address",
        d -> d.getCurrentUrl().contains("group=" + value));
    browser.awaitSettled("funnels");
    browser.find(".customers-table");
    JsonNode customers =
        api.json(
            "/api/funnels/customers?"
                + query
                + "&breakdown=firstChannel&group="
                + value
                + "&stepIndex=2&outcome=dropped&limit=50");
    assertThat(customers.get("total").asLong())
        .isEqualTo(group.get("steps").get(1).get("droppedOff").asLong());
    assertThat(browser.find(".customers-total").getText())
        .startsWith(customers.get("total").asText() + " customers");
    assertThat(browser.rows(".customers-table")).isEqualTo(customers.get("customers").size());
    assertThat(browser.find("#customers-panel").getText()).contains(value + " only");
    browser.screenshot("funnel-breakdown");
  }

  @Test
  @Order(6)
  void theCustomerSearchFindsAProfileByKeyAndListsTheProfilesOfASharedKey() throws Exception {
    JsonNode touchpoints = api.json("/api/touchpoints?limit=1000");
    // The customer seen on most channels, found by one of their e-mail addresses.
    Map<String, Set<String>> channels = new HashMap<>();
    Map<String, String> emails = new HashMap<>();
    String shared = null;
    for (JsonNode t : touchpoints.get("touchpoints")) {
      if (t.hasNonNull("profileId")) {
        String id = t.get("profileId").asText();
        channels.computeIfAbsent(id, k -> new TreeSet<>()).add(t.get("channel").asText());
        if (t.get("keys").has("email") && t.get("keys").get("email").isTextual()) {
          emails.putIfAbsent(id, "email:" + t.get("keys").get("email").asText());
        }
      }
      if (shared == null && t.get("ambiguous").asBoolean()) {
        var key = t.get("keys").properties().iterator().next();
        shared =
            key.getKey()
                + ":"
                + (key.getValue().isArray()
                    ? key.getValue().get(0).asText()
                    : key.getValue().asText());
      }
    }
    String email =
        emails.keySet().stream()
            .max(
                Comparator.comparingInt((String id) -> channels.get(id).size())
                    .thenComparing(id -> id))
            .map(emails::get)
            .orElse(null);
    assertThat(email).as("a touchpoint with an e-mail").isNotNull();
    browser.find("#nav a[data-view=customer]").click();
    browser.awaitSettled("customer");
    search(email);
    String expectedId =
        api.json("/api/profiles?key=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
            .get("id")
            .asText();
    browser.await(
        "the profile of " + email, d -> expectedId.equals(browser.find(".pid").getText()));
    browser.awaitSettled("customer");
    JsonNode found = api.json("/api/profiles/" + expectedId);
    assertThat(browser.find("[data-chart=timeline]").getAttribute("data-lanes"))
        .isEqualTo(String.valueOf(found.get("channels").size()));
    assertThat(browser.find("[data-chart=timeline]").getAttribute("data-points"))
        .isEqualTo(found.get("touchpointCount").asText());
    browser.screenshot("customer");

    assertThat(shared)
        .as("the demo has a shared key (a household phone, a kiosk browser)")
        .isNotNull();
    Api.Answer conflict =
        api.get("/api/profiles?key=" + URLEncoder.encode(shared, StandardCharsets.UTF_8));
    assertThat(conflict.status()).isEqualTo(409);
    search(shared);
    browser.awaitSettled("customer");
    browser.find(".shared-profiles");
    assertThat(browser.rows(".shared-profiles"))
        .isEqualTo(conflict.json().get("profiles").size())
        .isGreaterThan(1);
    assertThat(browser.findAll(".shared-profiles a"))
        .hasSize(conflict.json().get("profiles").size());
  }

  @Test
  @Order(7)
  void pathsListTheApisMostFrequentPaths() throws Exception {
    browser.find("#nav a[data-view=paths]").click();
    browser.awaitSettled("paths");
    new Select(browser.find("select.step-touchpoint[data-param=touchpoint]"))
        .selectByValue("cart.add");
    browser.await(
        "the touchpoint is in the address", d -> d.getCurrentUrl().contains("touchpoint=cart.add"));
    browser.awaitSettled("paths");
    JsonNode paths = api.json("/api/paths?touchpoint=cart.add");
    assertThat(browser.rows(".paths-table")).isEqualTo(paths.get("paths").size()).isPositive();
    browser.screenshot("paths");
  }

  @Test
  @Order(8)
  void painPointsShowTheApisErrorsRepeatsAndSwitches() throws Exception {
    browser.find("#nav a[data-view=pain-points]").click();
    browser.awaitSettled("pain-points");
    JsonNode pain = api.json("/api/pain-points");
    assertThat(browser.rows(".errors-table")).isEqualTo(pain.get("errors").size()).isPositive();
    assertThat(browser.rows(".repeats-table")).isEqualTo(pain.get("repeats").size());
    assertThat(browser.rows(".switches-table")).isEqualTo(pain.get("switches").size());
    browser.screenshot("pain-points");
  }

  @Test
  @Order(9)
  void channelPerformanceCreditsTheApisChannelsForAGoal() throws Exception {
    browser.find("#nav a[data-view=channels]").click();
    browser.awaitSettled("channels");
    new Select(browser.find("select.step-touchpoint[data-param=goal]"))
        .selectByValue("order.placed");
    browser.await(
        "the goal is in the address", d -> d.getCurrentUrl().contains("goal=order.placed"));
    browser.awaitSettled("channels");
    JsonNode attribution = api.json("/api/attribution?goal=order.placed");
    assertThat(browser.rows(".attribution-table"))
        .isEqualTo(attribution.get("channels").size())
        .isPositive();
    assertThat(browser.find("[data-kpi=conversions] .kpi-value").getText().replace(",", ""))
        .isEqualTo(attribution.get("conversions").asText());
    browser.screenshot("channels");
  }

  @Test
  @Order(10)
  void everyExportLinkAnswersCsv() throws Exception {
    browser.find("#nav a[data-view=export]").click();
    browser.awaitSettled("export");
    List<WebElement> links = browser.findAll(".export-list a[data-format=csv]");
    assertThat(links).hasSizeGreaterThan(5);
    for (WebElement link : links) {
      String href = link.getAttribute("href").substring(browser.base().length());
      Api.Answer answer = api.get(href);
      assertThat(answer.status()).as(href).isEqualTo(200);
      assertThat(answer.type()).as(href).startsWith("text/csv");
    }
    browser.screenshot("export");
  }

  @Test
  @Order(11)
  void theLiveViewReceivesATouchpointSentWhileItIsOpen() throws Exception {
    browser.find("#nav a[data-view=live]").click();
    browser.await(
        "the live stream is open",
        d -> !d.findElements(By.cssSelector(".view-root[data-live=on]")).isEmpty());
    String touchpoint = "ui.live.ping";
    long now = System.currentTimeMillis() * 1_000_000L;
    String trace = UUID.randomUUID().toString().replace("-", "");
    String span = trace.substring(0, 16);
    String body =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":["
            + "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"web-shop\"}},"
            + "{\"key\":\"touchline.channel\",\"value\":{\"stringValue\":\"web\"}}]},"
            + "\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + trace
            + "\",\"spanId\":\""
            + span
            + "\",\"name\":\"ping\",\"kind\":1,"
            + "\"startTimeUnixNano\":\""
            + now
            + "\",\"endTimeUnixNano\":\""
            + (now + 1_000_000)
            + "\",\"attributes\":["
            + "{\"key\":\"touchline.touchpoint\",\"value\":{\"stringValue\":\""
            + touchpoint
            + "\"}},"
            + "{\"key\":\"touchline.key.email\",\"value\":{\"stringValue\":\"live.viewer@example.com\"}}]}]}]}]}";
    assertThat(Api.postOtlp(demo.otlp(), body)).isEqualTo(200);
    WebElement row = browser.find(".live-table tbody tr[data-touchpoint='" + touchpoint + "']");
    assertThat(row.getText()).contains("web").contains("email:live.viewer@example.com");
    browser.screenshot("live");
  }

  // ---------------------------------------------------------------------------------------------

  private String kpi(String name) {
    return browser.find("[data-kpi=" + name + "]").getAttribute("data-value");
  }

  private String zone() {
    return (String) browser.js("return Intl.DateTimeFormat().resolvedOptions().timeZone");
  }

  private List<WebElement> stepRows() {
    return browser.findAll("#funnel-builder .builder-step[data-kind=step]");
  }

  /** Opens a filter's list of checkboxes, ticks one value and applies it. */
  private void pickInMultiSelect(String param, String value) {
    browser.find(".multi button[data-param=" + param + "]").click();
    WebElement pop =
        browser.find(".multi button[data-param=" + param + "] + .multi-pop:not([hidden])");
    pop.findElement(By.cssSelector("input[value='" + value + "']")).click();
    pop.findElement(By.cssSelector(".multi-foot .btn-primary")).click();
  }

  private void pickStep(int index, String touchpoint) {
    browser.await("step row " + (index + 1), d -> stepRows().size() > index);
    new Select(stepRows().get(index).findElement(By.cssSelector("select.step-touchpoint")))
        .selectByValue(touchpoint);
    browser.await(
        "step " + (index + 1) + " holds " + touchpoint,
        d ->
            touchpoint.equals(
                stepRows()
                    .get(index)
                    .findElement(By.cssSelector("select.step-touchpoint"))
                    .getAttribute("value")));
  }

  private void search(String key) {
    WebElement input = browser.find("input[name=key]");
    input.clear();
    input.sendKeys(key, Keys.ENTER);
    browser.await("the search is in the address", d -> d.getCurrentUrl().contains("key="));
  }

  /** Clicks the middle of one bar of an ECharts bar series (the canvas has no element per bar). */
  @SuppressWarnings("unchecked")
  private void clickBar(String chartCss, int series, int index) {
    WebElement chart = browser.find(chartCss);
    browser.js("arguments[0].scrollIntoView({block: 'center'})", chart);
    List<Number> box =
        (List<Number>)
            browser.js(
                "const el = arguments[0]; const c = echarts.getInstanceByDom(el);"
                    + "const l = c.getModel().getSeriesByIndex(arguments[1]).getData().getItemLayout(arguments[2]);"
                    + "return [l.x + l.width / 2, l.y + l.height / 2, el.clientWidth, el.clientHeight];",
                chart,
                series,
                index);
    int x = (int) Math.round(box.get(0).doubleValue() - box.get(2).doubleValue() / 2);
    int y = (int) Math.round(box.get(1).doubleValue() - box.get(3).doubleValue() / 2);
    new Actions(browser.driver()).moveToElement(chart, x, y).click().perform();
  }
}

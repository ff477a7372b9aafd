package io.touchline.e2e.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.bench.journeys.JourneyHistory;
import io.touchline.e2e.DemoEnvironment;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What {@code bin/demo --history} adds to the web UI, in a real browser against the collector jar:
 * the journey generator's history (5 customers over 7 days, seed 1 as bin/demo's, ending at a fixed
 * instant) is marked {@code demo.generated=true}, and two touchpoints of one of those customers are
 * sent without the mark, as that customer's agent would record them live (the generator's spans of
 * that customer, the mark taken off, new ids, after the history's end). With only the unmarked ones
 * stored, the overview has no generated-history note; once the history is in, it has one, and the
 * customer's timeline badges the generated touchpoints "generated" and not the two recorded ones.
 * Screenshots go to target/screenshots/generated-history-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GeneratedHistoryIT {

  private static final String GENERATED = "demo.generated";
  private static final String INTERACTION = "demo.interaction";
  private static final String NOTE = "p.note[data-note=generated-history]";

  /** A fixed end, long past, so that the history is the same on every run. */
  private static final Instant END = Instant.parse("2024-06-03T00:00:00Z");

  private static final Pattern INTERACTION_SHOWN =
      Pattern.compile(Pattern.quote(INTERACTION) + "=(\\S+)");

  private Path tmp;
  private DemoEnvironment collector;
  private Browser browser;
  private Api api;

  private List<ExportTraceServiceRequest> history;
  private long historyTouchpoints;
  private ExportTraceServiceRequest recorded;
  private int recordedTouchpoints;
  private String customerKey;
  private boolean historySent;

  @BeforeAll
  void startCollectorAndBrowser() throws Exception {
    Browser.assumeInstalled();
    JourneyHistory journeys =
        JourneyHistory.builder().customers(5).seed(1).endingAt(END, Duration.ofDays(7)).build();
    history = new ArrayList<>();
    journeys.requests().forEachRemaining(history::add);
    historyTouchpoints = history.stream().mapToLong(GeneratedHistoryIT::spans).sum();
    recorded = recordedLive(history, journeys.to());
    recordedTouchpoints = (int) spans(recorded);

    tmp = Files.createTempDirectory("touchline-ui-generated-");
    collector = new DemoEnvironment(tmp, DemoEnvironment.logDirectory("ui-generated"));
    collector.startCollector();
    api = new Api(collector.api());
    browser = Browser.start(collector.api());
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
  @Order(1)
  void anOverviewOfRecordedTouchpointsAloneSaysNothingOfGeneratedHistory() throws Exception {
    assertThat(Api.postOtlpProtobuf(collector.otlp(), recorded.toByteArray())).isEqualTo(200);
    collector.awaitStoredTouchpoints(recordedTouchpoints);
    assertThat(attributes()).as("the catalog's attributes").doesNotContain(GENERATED);

    browser.open("/");
    browser.awaitSettled("overview");
    assertThat(kpi("touchpoints")).isEqualTo(String.valueOf(recordedTouchpoints));
    assertThat(browser.findAll(NOTE)).as("a generated-history note").isEmpty();
    browser.screenshot("generated-history-none");
  }

  @Test
  @Order(2)
  void theOverviewSaysTheCollectorHoldsGeneratedHistory() throws Exception {
    sendHistory();
    assertThat(attributes()).as("the catalog's attributes").contains(GENERATED);

    browser.open("/overview");
    browser.awaitSettled("overview");
    assertThat(kpi("touchpoints"))
        .isEqualTo(String.valueOf(historyTouchpoints + recordedTouchpoints));
    assertThat(browser.find(NOTE).getText())
        .contains("generated history")
        .contains(GENERATED + "=true")
        .contains("bin/demo --history");
    browser.screenshot("generated-history-overview");
  }

  @Test
  @Order(3)
  void aCustomersTimelineBadgesTheGeneratedTouchpointsAndNotTheRecordedOnes() throws Exception {
    sendHistory();
    String key = URLEncoder.encode(customerKey, StandardCharsets.UTF_8);
    JsonNode profile = api.json("/api/profiles?key=" + key);
    assertThat(profile.hasNonNull("nextCursor")).as("the profile fits one page").isFalse();
    // What the API says of each touchpoint: generated (the mark, a boolean) or recorded.
    Map<String, Boolean> generatedByInteraction = new HashMap<>();
    int generated = 0;
    for (JsonNode t : profile.get("touchpoints")) {
      JsonNode mark = t.get("attributes").get(GENERATED);
      boolean isGenerated = mark != null && mark.isBoolean() && mark.asBoolean();
      generated += isGenerated ? 1 : 0;
      generatedByInteraction.put(t.get("attributes").get(INTERACTION).asText(), isGenerated);
    }
    int total = profile.get("touchpoints").size();
    assertThat(total - generated)
        .as("the profile holds the recorded touchpoints")
        .isEqualTo(recordedTouchpoints);
    assertThat(generated).as("and generated ones").isPositive();

    browser.open("/customer?key=" + key);
    browser.awaitSettled("customer");
    browser.find(".touchpoints-table");
    List<WebElement> rows = browser.findAll(".touchpoints-table tbody tr:not(.empty)");
    assertThat(rows).hasSize(total);
    Set<String> badged = new TreeSet<>();
    Set<String> plain = new TreeSet<>();
    for (WebElement row : rows) {
      List<WebElement> cells = row.findElements(By.cssSelector("td"));
      String shown = cells.get(cells.size() - 1).getDomProperty("textContent");
      Matcher interaction = INTERACTION_SHOWN.matcher(shown);
      assertThat(interaction.find()).as("the row shows its " + INTERACTION + ": " + shown).isTrue();
      String id = interaction.group(1);
      assertThat(generatedByInteraction).containsKey(id);
      List<WebElement> badges = row.findElements(By.cssSelector("span.badge-generated"));
      if (generatedByInteraction.get(id)) {
        assertThat(badges).as("the badge of generated " + id).hasSize(1);
        assertThat(badges.get(0).getDomProperty("textContent")).isEqualTo("generated");
        badged.add(id);
      } else {
        assertThat(badges).as("a badge on recorded " + id).isEmpty();
        plain.add(id);
      }
    }
    assertThat(plain).containsExactly("live-1", "live-2");
    assertThat(badged).allMatch(id -> id.startsWith("h-1-"));
    assertThat(browser.findAll(".touchpoints-table span.badge-generated")).hasSize(generated);
    // The list scrolls on its own: its end, where the recorded ones follow the history, in view.
    browser.js(
        "const list = arguments[0].closest('.scroll-y'); list.scrollTop = list.scrollHeight;",
        rows.get(rows.size() - 1));
    browser.screenshot("generated-history-customer");
  }

  // ---------------------------------------------------------------------------------------------

  /** Sends the history once and waits until the collector holds it. */
  private void sendHistory() throws Exception {
    if (historySent) {
      return;
    }
    for (ExportTraceServiceRequest request : history) {
      assertThat(Api.postOtlpProtobuf(collector.otlp(), request.toByteArray())).isEqualTo(200);
    }
    collector.awaitStoredTouchpoints(historyTouchpoints + recordedTouchpoints);
    historySent = true;
  }

  /**
   * The customer with the most generated touchpoints carrying their customer id: their two latest
   * such spans, as their agent would record them live after the history — without the mark, with
   * their own ids and {@code demo.interaction} ({@code live-1}, {@code live-2}), at the history's
   * end and a minute later.
   */
  private ExportTraceServiceRequest recordedLive(
      List<ExportTraceServiceRequest> requests, Instant end) {
    record Found(ResourceSpans resource, ScopeSpans scope, Span span) {}
    Map<String, List<Found>> byCustomer = new HashMap<>();
    for (ExportTraceServiceRequest request : requests) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        for (ScopeSpans scope : resource.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            String id = stringAttribute(span, "touchline.key.customer_id");
            if (id != null) {
              byCustomer
                  .computeIfAbsent(id, k -> new ArrayList<>())
                  .add(new Found(resource, scope, span));
            }
          }
        }
      }
    }
    String customer =
        byCustomer.keySet().stream()
            .max(
                Comparator.comparingInt((String id) -> byCustomer.get(id).size())
                    .thenComparing(id -> id))
            .orElseThrow(() -> new AssertionError("no generated span carries a customer id"));
    customerKey = "customer_id:" + customer;
    List<Found> latest =
        byCustomer.get(customer).stream()
            .sorted(
                Comparator.comparingLong((Found f) -> f.span().getStartTimeUnixNano()).reversed())
            .limit(2)
            .toList();
    ExportTraceServiceRequest.Builder live = ExportTraceServiceRequest.newBuilder();
    long at = end.getEpochSecond() * 1_000_000_000L;
    for (int i = 0; i < latest.size(); i++) {
      Found found = latest.get(i);
      Span span = found.span();
      long start = at + i * 60_000_000_000L;
      Span.Builder copy =
          span.toBuilder()
              .setTraceId(
                  ByteString.copyFrom(HexFormat.of().parseHex(String.format("%032x", 0x11feL + i))))
              .setSpanId(
                  ByteString.copyFrom(HexFormat.of().parseHex(String.format("%016x", 0x5ba0L + i))))
              .clearParentSpanId()
              .setStartTimeUnixNano(start)
              .setEndTimeUnixNano(start + span.getEndTimeUnixNano() - span.getStartTimeUnixNano())
              .clearAttributes();
      for (KeyValue attribute : span.getAttributesList()) {
        if (attribute.getKey().equals(GENERATED)) {
          continue;
        }
        copy.addAttributes(
            attribute.getKey().equals(INTERACTION)
                ? KeyValue.newBuilder()
                    .setKey(INTERACTION)
                    .setValue(AnyValue.newBuilder().setStringValue("live-" + (i + 1)))
                    .build()
                : attribute);
      }
      for (int e = 0; e < copy.getEventsCount(); e++) {
        copy.setEvents(e, copy.getEvents(e).toBuilder().setTimeUnixNano(copy.getEndTimeUnixNano()));
      }
      live.addResourceSpans(
          ResourceSpans.newBuilder()
              .setResource(found.resource().getResource())
              .addScopeSpans(
                  ScopeSpans.newBuilder().setScope(found.scope().getScope()).addSpans(copy)));
    }
    assertThat(live.getResourceSpansCount()).as("two spans of the customer").isEqualTo(2);
    return live.build();
  }

  private static String stringAttribute(Span span, String key) {
    return span.getAttributesList().stream()
        .filter(a -> a.getKey().equals(key) && a.getValue().hasStringValue())
        .map(a -> a.getValue().getStringValue())
        .findFirst()
        .orElse(null);
  }

  private static long spans(ExportTraceServiceRequest request) {
    return request.getResourceSpansList().stream()
        .flatMap(r -> r.getScopeSpansList().stream())
        .mapToLong(ScopeSpans::getSpansCount)
        .sum();
  }

  private List<String> attributes() throws Exception {
    List<String> names = new ArrayList<>();
    api.json("/api/catalog").get("attributes").forEach(a -> names.add(a.asText()));
    return names;
  }

  private String kpi(String name) {
    return browser.find("[data-kpi=" + name + "]").getAttribute("data-value");
  }
}

package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyst views over a small dataset whose answers are worked out by hand below (not by the
 * code under test). Five customers, times in minutes from each customer's own start, journeys cut
 * at the default 30 min of inactivity:
 *
 * <pre>
 * C1 gold    email.click@email 0, product.view 2, cart.add 5, order.placed 8            (1 journey)
 * C2 silver  product.view 0, cart.add 3, payment 6 (error), call.started@call-center 20 (journey A)
 *            product.view 100, cart.add 101, order.placed 105                           (journey B)
 * C3 gold    product.view 0, 1, 2, cart.add 4                                          (1 journey)
 * C4 (none)  call.started@call-center 0, email.click@email 10, product.view 12, order.placed 15
 * C5 silver→gold  product.view 0, payment 5 (error), payment 6  |  email.click@email 50 (gold)
 * and one product.view without any key (unattributed).
 * </pre>
 *
 * Unpinned touchpoints are on the web channel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnalystViewsApiTest {

  private static final long MINUTE = 60_000_000_000L;

  private Collector collector;
  private Path data;

  @BeforeAll
  void storeTheDataset(@TempDir Path data) throws Exception {
    this.data = data;
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    List<Span> web = new ArrayList<>();
    List<Span> calls = new ArrayList<>();
    List<Span> mails = new ArrayList<>();
    // C1
    mails.add(tp(spans, 1, 0, "email.click", "email", null, null));
    web.add(tp(spans, 1, 2, "product.view", "web", null, "gold"));
    web.add(tp(spans, 1, 5, "cart.add", "web", null, null));
    web.add(tp(spans, 1, 8, "order.placed", "web", null, null));
    // C2
    web.add(tp(spans, 2, 0, "product.view", "web", null, "silver"));
    web.add(tp(spans, 2, 3, "cart.add", "web", null, null));
    web.add(tp(spans, 2, 6, "payment", "web", "error", null));
    calls.add(tp(spans, 2, 20, "call.started", "call-center", null, null));
    web.add(tp(spans, 2, 100, "product.view", "web", null, null));
    web.add(tp(spans, 2, 101, "cart.add", "web", null, null));
    web.add(tp(spans, 2, 105, "order.placed", "web", null, null));
    // C3
    web.add(tp(spans, 3, 0, "product.view", "web", null, "gold"));
    web.add(tp(spans, 3, 1, "product.view", "web", null, null));
    web.add(tp(spans, 3, 2, "product.view", "web", null, null));
    web.add(tp(spans, 3, 4, "cart.add", "web", null, null));
    // C4
    calls.add(tp(spans, 4, 0, "call.started", "call-center", null, null));
    mails.add(tp(spans, 4, 10, "email.click", "email", null, null));
    web.add(tp(spans, 4, 12, "product.view", "web", null, null));
    web.add(tp(spans, 4, 15, "order.placed", "web", null, null));
    // C5
    web.add(tp(spans, 5, 0, "product.view", "web", null, "silver"));
    web.add(tp(spans, 5, 5, "payment", "web", "error", null));
    web.add(tp(spans, 5, 6, "payment", "web", null, null));
    mails.add(tp(spans, 5, 50, "email.click", "email", null, "gold"));
    // No key at all.
    web.add(
        spans
            .span(
                "product.view",
                OtlpSpans.attribute("touchline.touchpoint", "product.view"),
                OtlpSpans.attribute("touchline.channel", "web"))
            .setStartTimeUnixNano(start(1) + 3 * MINUTE)
            .build());
    CollectorHttp.export(collector, "web-shop", web.toArray(Span[]::new));
    CollectorHttp.export(collector, "call-center", calls.toArray(Span[]::new));
    CollectorHttp.export(collector, "mailer", mails.toArray(Span[]::new));
  }

  @AfterAll
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  /** Customer {@code n}'s own start: a day apart, so their touchpoints never interleave. */
  private static long start(int customer) {
    return OtlpSpans.START_NANOS + (customer - 1) * 24 * 60 * MINUTE;
  }

  private static Span tp(
      OtlpSpans spans,
      int customer,
      int minute,
      String touchpoint,
      String channel,
      String outcome,
      String tier) {
    List<KeyValue> attributes =
        new ArrayList<>(
            List.of(
                OtlpSpans.attribute("touchline.touchpoint", touchpoint),
                OtlpSpans.attribute("touchline.channel", channel),
                OtlpSpans.attribute("touchline.key.customer_id", "C" + customer)));
    if (outcome != null) {
      attributes.add(OtlpSpans.attribute("touchline.outcome", outcome));
    }
    if (tier != null) {
      attributes.add(OtlpSpans.attribute("customer.tier", tier));
    }
    return spans
        .span(touchpoint, attributes.toArray(KeyValue[]::new))
        .setStartTimeUnixNano(start(customer) + minute * MINUTE)
        .build();
  }

  private JsonNode get(String path) throws Exception {
    return CollectorHttp.get(collector, path, 200);
  }

  private static List<Long> longs(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asLong())
        .toList();
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(field).asText())
        .toList();
  }

  private String idOf(String customer) throws Exception {
    return get("/api/profiles?key=customer_id:" + customer).get("id").asText();
  }

  @Test
  void overviewCountsChannelsErrorsAndWhatIsInNoProfile() throws Exception {
    JsonNode overview = get("/api/overview");
    assertThat(overview.get("touchpoints").asLong()).isEqualTo(24);
    assertThat(overview.get("profiles").asLong()).isEqualTo(5);
    assertThat(overview.get("identifiedShare").asDouble()).isEqualTo(23.0 / 24);
    assertThat(overview.get("unattributed").asLong()).isEqualTo(1);
    assertThat(overview.get("ambiguous").asLong()).isEqualTo(0);
    JsonNode channels = overview.get("channels");
    assertThat(texts(channels, "channel")).containsExactly("web", "email", "call-center");
    assertThat(longs(channels, "touchpoints")).containsExactly(19L, 3L, 2L);
    assertThat(longs(channels, "profiles")).containsExactly(5L, 3L, 2L);
    assertThat(longs(channels, "errors")).containsExactly(2L, 0L, 0L);
    assertThat(channels.get(0).get("errorRate").asDouble()).isEqualTo(2.0 / 19);
    JsonNode top = overview.get("topTouchpoints");
    assertThat(texts(top, "touchpoint"))
        .containsExactly(
            "product.view", "cart.add", "email.click", "order.placed", "payment", "call.started");
    assertThat(longs(top, "touchpoints")).containsExactly(9L, 4L, 3L, 3L, 3L, 2L);
    assertThat(
            StreamSupport.stream(overview.get("series").spliterator(), false)
                .mapToLong(p -> p.get("touchpoints").asLong())
                .sum())
        .isEqualTo(24);
    assertThat(overview.get("bucket").asText())
        .isEqualTo("hour"); // four days and 50 minutes: 97 hourly points

    assertThat(get("/api/overview?channel=web").get("touchpoints").asLong()).isEqualTo(19);
    // C1's first eight minutes by the second: 481 points, every one of them, most empty.
    JsonNode seconds =
        get("/api/overview?bucket=second&channel=web,email&to=" + iso(start(1) + 8 * MINUTE + 1));
    assertThat(seconds.get("bucket").asText()).isEqualTo("second");
    assertThat(seconds.get("series"))
        .filteredOn(p -> p.get("channel").asText().equals("web"))
        .hasSize(481);
    assertThat(get("/api/overview?channel=email,call-center").get("touchpoints").asLong())
        .isEqualTo(5);
    assertThat(get("/api/overview?service=mailer").get("touchpoints").asLong()).isEqualTo(3);
    // C1's day only: its four and the keyless one.
    JsonNode firstDay = get("/api/overview?from=" + iso(start(1)) + "&to=" + iso(start(2)));
    assertThat(firstDay.get("touchpoints").asLong()).isEqualTo(5);
    assertThat(firstDay.get("profiles").asLong()).isEqualTo(1);
    // Gold is the latest tier of C1, C3 and C5 (C5 was silver first).
    JsonNode gold = get("/api/overview?segment=customer.tier:gold");
    assertThat(gold.get("touchpoints").asLong()).isEqualTo(12);
    assertThat(gold.get("profiles").asLong()).isEqualTo(3);
    assertThat(gold.get("unattributed").asLong()).isEqualTo(0);
    assertThat(get("/api/overview?segment=customer.tier:silver,gold").get("profiles").asLong())
        .isEqualTo(4);
  }

  private static String iso(long nanos) {
    return java.time.Instant.ofEpochSecond(0, nanos).toString();
  }

  @Test
  void afterARestartTheViewsAnswerTheSameFromWhatWasStored() throws Exception {
    String before =
        get("/api/flows?by=channel").toString()
            + get(FUNNEL + "&breakdown=attribute:customer.tier");
    collector.close();
    collector = TestCollectors.start(data);
    assertThat(get("/api/overview").get("touchpoints").asLong()).isEqualTo(24);
    assertThat(get("/api/catalog").get("attributes"))
        .extracting(JsonNode::asText)
        .contains("customer.tier");
    assertThat(
            get("/api/flows?by=channel").toString()
                + get(FUNNEL + "&breakdown=attribute:customer.tier"))
        .isEqualTo(before);
  }

  @Test
  void catalogAndSegmentsListWhatThereIsToFilterBy() throws Exception {
    JsonNode catalog = get("/api/catalog");
    assertThat(catalog.get("channels"))
        .extracting(JsonNode::asText)
        .containsExactly("call-center", "email", "web");
    assertThat(catalog.get("services"))
        .extracting(JsonNode::asText)
        .containsExactly("call-center", "mailer", "web-shop");
    assertThat(catalog.get("attributes"))
        .extracting(JsonNode::asText)
        .contains("customer.tier")
        .noneMatch(name -> name.startsWith("touchline."));
    assertThat(texts(catalog.get("touchpoints"), "touchpoint")).contains("payment", "order.placed");
    JsonNode tiers = get("/api/segments?attribute=customer.tier");
    assertThat(texts(tiers.get("values"), "value")).containsExactly("gold", "silver");
    assertThat(longs(tiers.get("values"), "profiles")).containsExactly(3L, 1L);
    assertThat(tiers.get("profilesWithout").asLong()).isEqualTo(1);
  }

  @Test
  void flowsBetweenChannelsCountTransitionsJourneysAndMedianTimes() throws Exception {
    JsonNode flows = get("/api/flows?by=channel");
    assertThat(flows.get("journeys").asLong()).isEqualTo(7);
    assertThat(flows.get("inactivityGap").asText()).isEqualTo("30m");
    JsonNode transitions = flows.get("transitions");
    assertThat(texts(transitions, "from")).containsExactly("email", "call-center", "web");
    assertThat(texts(transitions, "to")).containsExactly("web", "email", "call-center");
    assertThat(longs(transitions, "count")).containsExactly(2L, 1L, 1L);
    assertThat(longs(transitions, "journeys")).containsExactly(2L, 1L, 1L);
    assertThat(transitions)
        .extracting(t -> t.get("medianSeconds").asDouble())
        .containsExactly(120.0, 600.0, 840.0);

    JsonNode sankey = flows.get("sankey");
    assertThat(texts(sankey.get("nodes"), "id"))
        .containsExactly(
            "1:web", "1:email", "1:call-center", "2:call-center", "2:email", "2:web", "3:web");
    assertThat(longs(sankey.get("nodes"), "journeys")).containsExactly(4L, 2L, 1L, 1L, 1L, 1L, 1L);
    assertThat(sankey.get("links"))
        .extracting(l -> l.get("source").asText() + ">" + l.get("target").asText())
        .containsExactlyInAnyOrder(
            "1:email>2:web", "1:web>2:call-center", "1:call-center>2:email", "2:email>3:web");

    assertThat(get("/api/flows?by=channel&minCount=2").get("transitions")).hasSize(1);
  }

  @Test
  void flowsBetweenTouchpointsFromAStartUpToAnEnd() throws Exception {
    JsonNode fromCart = get("/api/flows?by=touchpoint&start=cart.add");
    assertThat(fromCart.get("journeys").asLong()).isEqualTo(4);
    JsonNode transitions = fromCart.get("transitions");
    assertThat(transitions)
        .extracting(t -> t.get("from").asText() + ">" + t.get("to").asText())
        .containsExactly("cart.add>order.placed", "cart.add>payment", "payment>call.started");
    assertThat(longs(transitions, "count")).containsExactly(2L, 1L, 1L);
    assertThat(transitions.get(0).get("medianSeconds").asDouble())
        .isEqualTo(210.0); // 180 s and 240 s

    JsonNode toOrder = get("/api/flows?by=touchpoint&start=cart.add&end=order.placed");
    assertThat(toOrder.get("journeys").asLong()).isEqualTo(2);
    assertThat(toOrder.get("transitions"))
        .extracting(t -> t.get("from").asText() + ">" + t.get("to").asText())
        .containsExactly("cart.add>order.placed");
  }

  private static final String FUNNEL =
      "/api/funnels?step=product.view&step=cart.add&step=order.placed";

  @Test
  void aStepCanAskForAnOutcome() throws Exception {
    JsonNode any = get("/api/funnels?step=product.view&step=payment");
    JsonNode succeeded = get("/api/funnels?step=product.view&step=payment:success");
    JsonNode failed = get("/api/funnels?step=product.view&step=payment@web:error");
    assertThat(longs(any.get("steps"), "customers")).containsExactly(5L, 2L); // C2, C5
    assertThat(longs(succeeded.get("steps"), "customers")).containsExactly(5L, 1L); // C5 only
    assertThat(longs(failed.get("steps"), "customers")).containsExactly(5L, 2L);
    assertThat(succeeded.get("steps").get(1).get("outcome").asText()).isEqualTo("success");
    assertThat(failed.get("steps").get(1).get("channel").asText()).isEqualTo("web");
    assertThat(any.get("steps").get(1).get("outcome").isNull()).isTrue();
  }

  @Test
  void aSequentialFunnelCountsEachCustomerByTheirBestAttempt() throws Exception {
    JsonNode funnel = get(FUNNEL);
    assertThat(funnel.get("customers").asLong()).isEqualTo(5);
    JsonNode steps = funnel.get("steps");
    assertThat(longs(steps, "customers")).containsExactly(5L, 3L, 2L);
    assertThat(steps)
        .extracting(s -> s.get("conversionFromStart").asDouble())
        .containsExactly(1.0, 0.6, 0.4);
    assertThat(steps)
        .extracting(s -> s.get("conversionFromPrevious").asDouble())
        .containsExactly(1.0, 0.6, 2.0 / 3);
    assertThat(longs(steps, "droppedOff")).containsExactly(0L, 2L, 1L);
    assertThat(steps.get(0).get("medianSecondsToConvert").isNull()).isTrue();
    assertThat(steps.get(1).get("medianSecondsToConvert").asDouble())
        .isEqualTo(180.0); // 180, 180, 240
    assertThat(steps.get(2).get("medianSecondsToConvert").asDouble())
        .isEqualTo(3150.0); // 180, 6120
    assertThat(longs(steps.get(1).get("timeToConvert"), "customers"))
        .containsExactly(0L, 3L, 0L, 0L, 0L, 0L);
    assertThat(longs(steps.get(2).get("timeToConvert"), "customers"))
        .containsExactly(0L, 1L, 0L, 1L, 0L, 0L);
  }

  @Test
  void strictOrderWindowsExclusionsAndAnyOrderChangeWhoCounts() throws Exception {
    JsonNode strict = get(FUNNEL + "&order=strict").get("steps");
    assertThat(longs(strict, "customers")).containsExactly(5L, 3L, 2L);
    assertThat(strict.get(1).get("medianSecondsToConvert").asDouble())
        .isEqualTo(120.0); // 180, 60, 120
    assertThat(strict.get(2).get("medianSecondsToConvert").asDouble()).isEqualTo(210.0); // 180, 240

    // Within an hour, C2 converts only on the second visit.
    JsonNode hour = get(FUNNEL + "&window=1h").get("steps");
    assertThat(longs(hour, "customers")).containsExactly(5L, 3L, 2L);
    assertThat(hour.get(2).get("medianSecondsToConvert").asDouble()).isEqualTo(210.0);

    String viewThenOrder = "/api/funnels?step=product.view&step=order.placed";
    assertThat(longs(get(viewThenOrder).get("steps"), "customers")).containsExactly(5L, 3L);
    assertThat(longs(get(viewThenOrder + "&exclude=cart.add").get("steps"), "customers"))
        .containsExactly(5L, 1L);

    assertThat(longs(get("/api/funnels?step=order.placed&step=cart.add").get("steps"), "customers"))
        .containsExactly(3L, 0L);
    assertThat(
            longs(
                get("/api/funnels?step=order.placed&step=cart.add&order=any").get("steps"),
                "customers"))
        .containsExactly(4L, 2L);
    assertThat(
            longs(
                get("/api/funnels?step=product.view@email&step=cart.add").get("steps"),
                "customers"))
        .containsExactly(0L, 0L);
  }

  @Test
  void aFunnelBreaksDownByFirstChannelOrBySegment() throws Exception {
    JsonNode byChannel = get(FUNNEL + "&breakdown=firstChannel").get("breakdown");
    assertThat(byChannel.get("by").asText()).isEqualTo("firstChannel");
    assertThat(texts(byChannel.get("groups"), "value"))
        .containsExactly("web", "call-center", "email");
    assertThat(longs(byChannel.get("groups").get(0).get("steps"), "customers"))
        .containsExactly(3L, 2L, 1L);
    assertThat(longs(byChannel.get("groups").get(1).get("steps"), "customers"))
        .containsExactly(1L, 0L, 0L);
    assertThat(longs(byChannel.get("groups").get(2).get("steps"), "customers"))
        .containsExactly(1L, 1L, 1L);

    JsonNode byTier = get(FUNNEL + "&breakdown=attribute:customer.tier").get("breakdown");
    assertThat(texts(byTier.get("groups"), "value")).containsExactly("gold", "(none)", "silver");
    assertThat(longs(byTier.get("groups").get(0).get("steps"), "customers"))
        .containsExactly(3L, 2L, 1L);
    assertThat(longs(byTier.get("groups").get(2).get("steps"), "customers"))
        .containsExactly(1L, 1L, 1L);
  }

  @Test
  void theCustomersBehindABarAreListedWithTheirProfileIds() throws Exception {
    JsonNode droppedBeforeCart =
        get(
            FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                + "&stepIndex=2&outcome=dropped");
    assertThat(droppedBeforeCart.get("total").asLong()).isEqualTo(2);
    // Newest attempt first: C5 started a day after C4.
    assertThat(texts(droppedBeforeCart.get("customers"), "profileId"))
        .containsExactly(idOf("C5"), idOf("C4"));
    assertThat(longs(droppedBeforeCart.get("customers"), "reachedStep")).containsExactly(1L, 1L);

    JsonNode converted =
        get(
            FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                + "&stepIndex=3&outcome=converted&limit=1");
    assertThat(converted.get("total").asLong()).isEqualTo(2);
    assertThat(texts(converted.get("customers"), "profileId")).containsExactly(idOf("C2"));
    JsonNode next =
        get(
            FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                + "&stepIndex=3&outcome=converted&limit=1&cursor="
                + converted.get("nextCursor").asText());
    assertThat(texts(next.get("customers"), "profileId")).containsExactly(idOf("C1"));
    assertThat(next.has("nextCursor") && !next.get("nextCursor").isNull()).isFalse();
    // As CSV the next page is in the Link header.
    HttpResponse<String> csv =
        CollectorHttp.getRaw(
            collector,
            FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                + "&stepIndex=3&outcome=converted&limit=1&format=csv");
    assertThat(csv.body().lines()).hasSize(2);
    assertThat(csv.headers().firstValue("Link"))
        .hasValueSatisfying(link -> assertThat(link).contains("cursor=").endsWith("rel=\"next\""));

    JsonNode goldDropped =
        get(
            FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                + "&breakdown=attribute:customer.tier&group=gold&stepIndex=3&outcome=dropped");
    assertThat(texts(goldDropped.get("customers"), "profileId")).containsExactly(idOf("C3"));
  }

  @Test
  void pathsAfterAndBeforeATouchpoint() throws Exception {
    JsonNode after = get("/api/paths?touchpoint=cart.add&direction=after&depth=3");
    assertThat(after.get("journeys").asLong()).isEqualTo(4);
    assertThat(after.get("paths"))
        .extracting(p -> p.get("steps").toString())
        .containsExactly("[\"order.placed\"]", "[]", "[\"payment\",\"call.started\"]");
    assertThat(longs(after.get("paths"), "journeys")).containsExactly(2L, 1L, 1L);
    assertThat(after.get("paths").get(0).get("share").asDouble()).isEqualTo(0.5);

    JsonNode before = get("/api/paths?touchpoint=order.placed&direction=before&depth=2");
    assertThat(before.get("journeys").asLong()).isEqualTo(3);
    assertThat(before.get("paths"))
        .extracting(p -> p.get("steps").toString())
        .containsExactly("[\"product.view\",\"cart.add\"]", "[\"email.click\",\"product.view\"]");
  }

  @Test
  void painPointsFindErrorsRepeatsAndChannelSwitchesAfterAFailure() throws Exception {
    JsonNode pain = get("/api/pain-points");
    JsonNode errors = pain.get("errors");
    assertThat(texts(errors, "touchpoint")).containsExactly("payment");
    assertThat(longs(errors, "touchpoints")).containsExactly(3L);
    assertThat(longs(errors, "errors")).containsExactly(2L);

    JsonNode repeats = pain.get("repeats");
    assertThat(texts(repeats, "touchpoint")).containsExactly("product.view", "payment");
    assertThat(longs(repeats, "journeys")).containsExactly(6L, 2L);
    assertThat(longs(repeats, "repeatedJourneys")).containsExactly(1L, 1L);
    assertThat(longs(repeats, "extraAttempts")).containsExactly(2L, 1L);
    assertThat(longs(repeats, "maxAttempts")).containsExactly(3L, 2L);

    JsonNode switches = pain.get("switches");
    assertThat(switches)
        .extracting(
            s ->
                s.get("failedTouchpoint").asText()
                    + "@"
                    + s.get("failedChannel").asText()
                    + ">"
                    + s.get("nextTouchpoint").asText()
                    + "@"
                    + s.get("nextChannel").asText())
        .containsExactly("payment@web>call.started@call-center", "payment@web>email.click@email");
    assertThat(switches)
        .extracting(s -> s.get("medianSeconds").asDouble())
        .containsExactly(840.0, 2700.0);
    assertThat(get("/api/pain-points?switchWithin=30m").get("switches")).hasSize(1);
  }

  @Test
  void attributionCreditsTheChannelsBeforeEachConversion() throws Exception {
    JsonNode attribution = get("/api/attribution?goal=order.placed");
    assertThat(attribution.get("conversions").asLong()).isEqualTo(3);
    assertThat(attribution.get("withoutPriorTouch").asLong()).isEqualTo(0);
    JsonNode channels = attribution.get("channels");
    assertThat(texts(channels, "channel")).containsExactly("web", "call-center", "email");
    assertThat(longs(channels, "firstTouch")).containsExactly(1L, 1L, 1L);
    assertThat(longs(channels, "lastTouch")).containsExactly(3L, 0L, 0L);
    assertThat(longs(channels, "anyTouch")).containsExactly(3L, 2L, 2L);
    // Within an hour C2's call 85 minutes before the order no longer counts.
    JsonNode hour = get("/api/attribution?goal=order.placed&lookback=1h").get("channels");
    assertThat(texts(hour, "channel")).containsExactly("web", "email", "call-center");
    assertThat(longs(hour, "anyTouch")).containsExactly(3L, 2L, 1L);
  }

  @Test
  void everyViewExportsItsTablesAsCsv() throws Exception {
    HttpResponse<String> transitions =
        CollectorHttp.getRaw(collector, "/api/flows?by=channel&format=csv");
    assertThat(transitions.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(transitions.body().lines().toList())
        .containsExactly(
            "from,to,count,journeys,medianSeconds",
            "email,web,2,2,120.0",
            "call-center,email,1,1,600.0",
            "web,call-center,1,1,840.0");
    assertThat(
            CollectorHttp.getRaw(collector, FUNNEL + "&format=csv")
                .body()
                .lines()
                .findFirst()
                .orElseThrow())
        .isEqualTo(
            "step,channel,customers,conversionFromStart,conversionFromPrevious,droppedOff,medianSecondsToConvert,timeToConvert,outcome");
    assertThat(
            CollectorHttp.getRaw(collector, "/api/paths?touchpoint=cart.add&format=csv")
                .body()
                .lines()
                .toList())
        .contains("order.placed,2,0.5", "payment > call.started,1,0.25");
    for (String path :
        List.of(
            "/api/overview?table=series",
            "/api/overview?table=topTouchpoints",
            "/api/pain-points?table=switches",
            "/api/attribution?goal=order.placed",
            "/api/catalog",
            "/api/segments?attribute=customer.tier",
            FUNNEL + "&breakdown=firstChannel&table=breakdown")) {
      assertThat(
              CollectorHttp.getRaw(
                      collector, path + (path.contains("?") ? "&" : "?") + "format=csv")
                  .body()
                  .lines()
                  .count())
          .as(path)
          .isGreaterThan(1);
    }
  }

  @Test
  void badParametersAreRefusedWithWhatIsWrong() throws Exception {
    assertThat(CollectorHttp.get(collector, "/api/funnels?step=a", 400).get("error").asText())
        .contains("a funnel takes 2 to 10 step parameters");
    assertThat(CollectorHttp.get(collector, FUNNEL + "&window=soon", 400).get("error").asText())
        .isEqualTo("window must be a duration such as 90s, 30m, 12h or 7d, not 'soon'");
    assertThat(CollectorHttp.get(collector, FUNNEL + "&order=random", 400).get("error").asText())
        .isEqualTo("order must be one of sequential, strict, any, not 'random'");
    assertThat(
            CollectorHttp.get(collector, "/api/overview?from=yesterday", 400).get("error").asText())
        .startsWith("from must be an ISO-8601 instant");
    assertThat(
            CollectorHttp.get(
                    collector, "/api/overview?bucket=minute&from=2020-01-01&to=2026-01-01", 400)
                .get("error")
                .asText())
        .matches("bucket=minute gives 315648\\d points over this range; at most 5000.*");
    assertThat(CollectorHttp.get(collector, FUNNEL + "&window=200000d", 400).get("error").asText())
        .isEqualTo("window must be at most 3650d, not '200000d'");
    assertThat(
            CollectorHttp.get(collector, FUNNEL + "&window=99999999999999999999d", 400)
                .get("error")
                .asText())
        .startsWith("window must be a duration");
    assertThat(
            CollectorHttp.get(collector, "/api/overview?to=2300-01-01", 400).get("error").asText())
        .isEqualTo("to must be between 1678 and 2261, not '2300-01-01'");
    assertThat(
            CollectorHttp.get(collector, "/api/segments?attribute=customer.teir", 400)
                .get("error")
                .asText())
        .isEqualTo("attribute: no stored touchpoint has attribute customer.teir");
    assertThat(
            CollectorHttp.get(collector, "/api/overview?segment=gold", 400).get("error").asText())
        .startsWith("segment must be <attribute>:<value>");
    assertThat(CollectorHttp.get(collector, "/api/paths", 400).get("error").asText())
        .startsWith("touchpoint is required");
    assertThat(CollectorHttp.get(collector, "/api/segments?attribute=", 400).get("error").asText())
        .startsWith("attribute is required");
    assertThat(CollectorHttp.get(collector, "/api/flows?depth=50", 400).get("error").asText())
        .isEqualTo("depth must be a whole number from 2 to 10, not '50'");
    assertThat(
            CollectorHttp.get(collector, "/api/overview?format=csv&table=nothing", 400)
                .get("error")
                .asText())
        .isEqualTo("table must be one of channels, series, topTouchpoints, not 'nothing'");
    assertThat(
            CollectorHttp.get(
                    collector,
                    FUNNEL.replace("/api/funnels", "/api/funnels/customers")
                        + "&stepIndex=1&outcome=dropped",
                    400)
                .get("error")
                .asText())
        .startsWith("no one drops before step 1");
  }

  @Test
  void theUiIsServedAtTheRootAndForDeepLinks() throws Exception {
    for (String path : List.of("/", "/funnels?step=cart.add")) {
      HttpResponse<String> page = CollectorHttp.getRaw(collector, path);
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.body()).contains("<html");
    }
    HttpResponse<String> charts = CollectorHttp.getRaw(collector, "/assets/echarts.min.js");
    assertThat(charts.body()).contains("echarts");
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(collector.apiUrl() + "/assets/..%2Fpom.xml"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("an encoded separator is refused as ambiguous before any file is looked for")
        .isEqualTo(400);
    assertThat(
            java.net.http.HttpClient.newHttpClient()
                .send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(collector.apiUrl() + "/assets/no-such-file.js"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .isEqualTo(404);
  }
}

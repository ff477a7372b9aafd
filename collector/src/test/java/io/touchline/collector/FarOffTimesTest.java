package io.touchline.collector;

import static io.touchline.collector.testing.StoredTouchpoints.touchpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.testing.StoredTouchpoints;
import io.touchline.collector.testing.TestCollectors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The views over touchpoints stored with event times centuries away from the others (a start time
 * of 2^63 ns read as 1677, a year 1700, the last day nanoseconds reach): they answer at once, with
 * bounded work, and measure time between such touchpoints without overflowing.
 */
class FarOffTimesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A start time of 2^63 ns, as a signed epoch: 1677-09-21T00:12:43.145224192Z. */
  private static final long TWO_TO_THE_63 = Long.MIN_VALUE;

  private static final long YEAR_1700 = nanos("1700-01-01T00:00:00Z");
  private static final long DAY_2262 = nanos("2262-04-11T00:00:00Z");
  private static final long NORMAL = nanos("2026-11-24T09:00:00Z");
  private static final int NORMAL_TOUCHPOINTS = 20;

  /** Long enough for the views' columns to load, short of what an unbounded answer takes. */
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path data;
  private Collector collector;
  private int spans;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private static long nanos(String instant) {
    Instant time = Instant.parse(instant);
    return time.getEpochSecond() * 1_000_000_000L + time.getNano();
  }

  private Touchpoint login(String customer, long nanos) {
    return touchpoint(spans++, customer, nanos, "login", "web", "success");
  }

  /** Twenty logins by ten customers on one morning. */
  private List<Touchpoint> normalDay() {
    List<Touchpoint> touchpoints = new ArrayList<>();
    for (int i = 0; i < NORMAL_TOUCHPOINTS; i++) {
      touchpoints.add(login("C-" + (i % 10), NORMAL + i * 60_000_000_000L));
    }
    return touchpoints;
  }

  private void startWith(List<Touchpoint> touchpoints) throws Exception {
    StoredTouchpoints.write(data, touchpoints);
    collector = TestCollectors.start(data);
  }

  /** The answer of {@code GET path}, once the views have loaded (a 503 until then). */
  private HttpResponse<String> get(String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(collector.apiUrl() + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 503 || System.nanoTime() > deadline) {
        return response;
      }
      Thread.sleep(50); // the views' columns are still loading
    }
  }

  private JsonNode ok(String path) throws Exception {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static long seriesSum(JsonNode overview) {
    return StreamSupport.stream(overview.get("series").spliterator(), false)
        .mapToLong(p -> p.get("touchpoints").asLong())
        .sum();
  }

  @Test
  void outliersCenturiesBackLeaveTheOverviewItsLatestPoints() throws Exception {
    List<Touchpoint> touchpoints = normalDay();
    touchpoints.add(login("C-0", TWO_TO_THE_63));
    touchpoints.add(login("C-old", YEAR_1700));
    startWith(touchpoints);

    JsonNode overview = ok("/api/overview");
    assertThat(overview.get("touchpoints").asLong()).isEqualTo(NORMAL_TOUCHPOINTS + 2);
    assertThat(overview.get("from").asText()).isEqualTo("1677-09-21T00:12:43.145224192Z");
    assertThat(overview.get("bucket").asText()).isEqualTo("day");
    assertThat(overview.get("series").size()).isBetween(1, 5_000);
    assertThat(seriesSum(overview)).as("the latest days hold the normal ones").isEqualTo(20);
    JsonNode lastPoint = overview.get("series").get(overview.get("series").size() - 1);
    assertThat(lastPoint.get("time").asText()).isEqualTo("2026-11-24T00:00:00.000000000Z");
    assertThat(lastPoint.get("touchpoints").asLong()).isEqualTo(NORMAL_TOUCHPOINTS);

    assertThat(ok("/api/overview?tz=Europe/Berlin").get("series").size()).isBetween(1, 5_000);
    assertThat(get("/api/overview?bucket=hour").statusCode()).isEqualTo(400);
  }

  @Test
  void touchpointsOnTheLastDayNanosecondsReachAreCounted() throws Exception {
    List<Touchpoint> touchpoints = normalDay();
    touchpoints.add(login("C-0", TWO_TO_THE_63));
    touchpoints.add(login("C-old", YEAR_1700));
    touchpoints.add(login("C-late", DAY_2262));
    touchpoints.add(login("C-last", Long.MAX_VALUE));
    startWith(touchpoints);

    JsonNode overview = ok("/api/overview");
    assertThat(overview.get("touchpoints").asLong()).isEqualTo(NORMAL_TOUCHPOINTS + 4);
    assertThat(overview.get("channels").get(0).get("touchpoints").asLong())
        .isEqualTo(NORMAL_TOUCHPOINTS + 4);
    assertThat(overview.get("topTouchpoints").get(0).get("touchpoints").asLong())
        .isEqualTo(NORMAL_TOUCHPOINTS + 4);
    assertThat(overview.get("to").asText()).isEqualTo("2262-04-11T23:47:16.854775807Z");
    // The automatic series ends at the last touchpoint before tomorrow: the outliers in 2262 count
    // in every figure above and leave today's data in view.
    assertThat(overview.get("series").size()).isBetween(1, 5_000);
    JsonNode lastPoint = overview.get("series").get(overview.get("series").size() - 1);
    assertThat(lastPoint.get("time").asText()).isEqualTo("2026-11-24T00:00:00.000000000Z");
    assertThat(lastPoint.get("touchpoints").asLong()).isEqualTo(NORMAL_TOUCHPOINTS);
    // The outliers are there to zoom into, and so is the normal day.
    JsonNode late = ok("/api/overview?from=2261-01-01");
    assertThat(late.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(seriesSum(late)).isEqualTo(2);
    JsonNode day = ok("/api/overview?from=2026-11-24&to=2026-11-25");
    assertThat(seriesSum(day)).isEqualTo(NORMAL_TOUCHPOINTS);
    assertThat(ok("/api/touchpoints?limit=1000").get("touchpoints")).hasSize(24);
  }

  @Test
  void theJourneyViewsMeasureTimeAcrossCenturiesWithoutOverflow() throws Exception {
    List<Touchpoint> touchpoints = new ArrayList<>();
    // C-1 failed on the web in 1677, then called and ordered in 2026: one journey each time.
    touchpoints.add(touchpoint(spans++, "C-1", TWO_TO_THE_63, "payment", "web", "error"));
    touchpoints.add(touchpoint(spans++, "C-1", NORMAL, "call.started", "call-center", "success"));
    touchpoints.add(touchpoint(spans++, "C-1", NORMAL + 1, "order.placed", "web", "success"));
    // C-2 put something in the cart on the last day nanoseconds reach, and in 1700 before that.
    touchpoints.add(touchpoint(spans++, "C-2", YEAR_1700, "cart.add", "call-center", "success"));
    touchpoints.add(touchpoint(spans++, "C-2", Long.MAX_VALUE, "order.placed", "web", "success"));
    startWith(touchpoints);

    JsonNode flows = ok("/api/flows?by=touchpoint");
    assertThat(flows.get("journeys").asLong()).isEqualTo(4);
    assertThat(flows.get("transitions")).hasSize(1);
    assertThat(flows.get("transitions").get(0).get("from").asText()).isEqualTo("call.started");
    assertThat(flows.get("transitions").get(0).get("medianSeconds").asDouble()).isLessThan(1.0);

    JsonNode funnel = ok("/api/funnels?step=cart.add&step=order.placed&window=3650d");
    assertThat(funnel.get("steps").get(0).get("customers").asLong()).isEqualTo(1);
    assertThat(funnel.get("steps").get(1).get("customers").asLong()).isEqualTo(0);
    JsonNode anyOrder = ok("/api/funnels?step=payment&step=order.placed&order=any");
    assertThat(anyOrder.get("steps").get(1).get("customers").asLong()).isEqualTo(0);

    JsonNode paths = ok("/api/paths?touchpoint=payment");
    assertThat(paths.get("paths").get(0).get("steps")).isEmpty();

    JsonNode painPoints = ok("/api/pain-points?switchWithin=3650d");
    assertThat(painPoints.get("switches")).isEmpty();
    assertThat(painPoints.get("errors")).hasSize(1);

    JsonNode attribution = ok("/api/attribution?goal=order.placed&lookback=3650d");
    assertThat(attribution.get("conversions").asLong()).isEqualTo(2);
    assertThat(attribution.get("withoutPriorTouch").asLong()).isEqualTo(1);
    assertThat(attribution.get("channels")).hasSize(1);
    assertThat(attribution.get("channels").get(0).get("channel").asText()).isEqualTo("call-center");

    JsonNode catalog = ok("/api/catalog");
    assertThat(catalog.get("touchpoints")).hasSize(4);
  }
}

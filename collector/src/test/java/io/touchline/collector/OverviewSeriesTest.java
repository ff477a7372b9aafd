package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overview's series at the edges: touchpoints on bucket boundaries, clock changes, far-off
 * outliers.
 */
class OverviewSeriesTest {

  @TempDir Path data;
  private Collector collector;
  private final OtlpSpans spans = new OtlpSpans();

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private Span at(String instant) {
    Instant time = Instant.parse(instant);
    return spans
        .span(
            "login",
            OtlpSpans.attribute("touchline.touchpoint", "login"),
            OtlpSpans.attribute("touchline.channel", "web"),
            OtlpSpans.attribute("touchline.key.customer_id", "C-" + instant))
        .setStartTimeUnixNano(time.getEpochSecond() * 1_000_000_000L + time.getNano())
        .build();
  }

  private static long sum(JsonNode overview) {
    return StreamSupport.stream(overview.get("series").spliterator(), false)
        .mapToLong(p -> p.get("touchpoints").asLong())
        .sum();
  }

  @Test
  void aTouchpointOnTheLastBucketsStartIsCounted() throws Exception {
    collector = TestCollectors.start(data);
    CollectorHttp.export(collector, "shop", at("2026-11-24T09:00:00Z"), at("2026-11-24T10:00:00Z"));
    JsonNode minutes = CollectorHttp.get(collector, "/api/overview?bucket=minute", 200);
    assertThat(sum(minutes)).isEqualTo(2);
    assertThat(minutes.get("series")).hasSize(61);
    assertThat(minutes.get("series").get(60).get("time").asText())
        .isEqualTo("2026-11-24T10:00:00.000000000Z");
  }

  @Test
  void daysRunFromLocalMidnightToMidnightAcrossAClockChange() throws Exception {
    collector = TestCollectors.start(data);
    // 00:30 and 23:30 in Berlin on 25 October 2026, the day the clocks go back (25 hours long).
    CollectorHttp.export(collector, "shop", at("2026-10-24T22:30:00Z"), at("2026-10-25T22:30:00Z"));
    JsonNode days = CollectorHttp.get(collector, "/api/overview?bucket=day&tz=Europe/Berlin", 200);
    assertThat(days.get("series")).hasSize(1);
    assertThat(days.get("series").get(0).get("time").asText())
        .isEqualTo("2026-10-24T22:00:00.000000000Z");
    assertThat(days.get("series").get(0).get("touchpoints").asLong()).isEqualTo(2);
  }

  @Test
  void aFarOffTouchpointDoesNotBreakTheDefaultOverview() throws Exception {
    collector = TestCollectors.start(data);
    CollectorHttp.export(collector, "shop", at("1980-01-01T00:00:00Z"), at("2026-11-24T10:00:00Z"));
    JsonNode overview = CollectorHttp.get(collector, "/api/overview", 200);
    assertThat(overview.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(overview.get("bucket").asText()).isEqualTo("day");
    assertThat(overview.get("series").size()).isLessThanOrEqualTo(5_000);
    assertThat(CollectorHttp.get(collector, "/api/overview?bucket=hour", 400).get("error").asText())
        .contains("choose a larger bucket or a shorter range");
  }

  @Test
  @Timeout(60)
  void theEarliestFromTheDocsAllowIsAnsweredWithBoundedPoints() throws Exception {
    collector = TestCollectors.start(data);
    CollectorHttp.export(collector, "shop", at("2026-11-24T09:00:00Z"), at("2026-11-24T10:00:00Z"));
    JsonNode overview = CollectorHttp.get(collector, "/api/overview?from=1678-01-01", 200);
    assertThat(overview.get("from").asText()).isEqualTo("1678-01-01T00:00:00.000000000Z");
    assertThat(overview.get("bucket").asText()).isEqualTo("day");
    assertThat(overview.get("series").size()).isBetween(1, 5_000);
    assertThat(sum(overview)).isEqualTo(2);
    JsonNode everything =
        CollectorHttp.get(collector, "/api/overview?from=1678-01-01&to=2262-01-01", 200);
    assertThat(everything.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(everything.get("to").asText()).isEqualTo("2262-01-01T00:00:00.000000000Z");
    // The latest 5,000 days of the range asked for: years after the touchpoints.
    assertThat(everything.get("series").size()).isBetween(1, 5_000);
    assertThat(sum(everything)).isZero();
  }

  @Test
  @Timeout(60)
  void anAskedBucketTooFineForTheRangeIsRefusedWhateverTheRange() throws Exception {
    collector = TestCollectors.start(data);
    CollectorHttp.export(collector, "shop", at("2026-11-24T09:00:00Z"), at("2026-11-24T10:00:00Z"));
    for (String range :
        List.of("from=1678-01-01", "from=1678-01-01&to=2262-01-01", "to=2262-01-01")) {
      for (String bucket : List.of("second", "minute", "hour", "day")) {
        assertThat(
                CollectorHttp.get(collector, "/api/overview?" + range + "&bucket=" + bucket, 400)
                    .get("error")
                    .asText())
            .contains("choose a larger bucket or a shorter range");
      }
    }
  }
}

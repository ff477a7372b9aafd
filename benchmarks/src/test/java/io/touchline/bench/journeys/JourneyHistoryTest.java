package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.simulator.journey.Scenario;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JourneyHistoryTest {

  @ParameterizedTest
  @ValueSource(longs = {1, 7, 42})
  void sameSettingsGiveTheSameRequestsByteForByte(long seed) {
    byte[] first = bytes(Histories.ninetyDays(40, seed));
    assertThat(first).hasSizeGreaterThan(100_000).isEqualTo(bytes(Histories.ninetyDays(40, seed)));
  }

  @Test
  void anotherSeedGivesAnotherHistory() {
    assertThat(bytes(Histories.ninetyDays(40, 1))).isNotEqualTo(bytes(Histories.ninetyDays(40, 2)));
  }

  @Test
  void everyScenarioOfTheSimulatorIsLived() {
    Set<Scenario> lived =
        Histories.interactions().stream()
            .map(GeneratedInteraction::scenario)
            .collect(Collectors.toSet());
    assertThat(lived).containsExactlyInAnyOrder(Scenario.values());
  }

  @Test
  void interactionsComeInTimeOrderWithinTheRangeNumberedInThatOrder() {
    List<GeneratedInteraction> all = Histories.interactions();
    long from = Histories.NINETY_DAYS.from().toEpochMilli();
    long to = Histories.NINETY_DAYS.to().toEpochMilli();
    for (int i = 0; i < all.size(); i++) {
      GeneratedInteraction interaction = all.get(i);
      assertThat(Histories.millis(interaction.startNanos())).isBetween(from, to - 1);
      assertThat(interaction.id()).isEqualTo("h-7-" + (i + 1));
      if (i > 0) {
        assertThat(interaction.startNanos()).isGreaterThanOrEqualTo(all.get(i - 1).startNanos());
      }
    }
  }

  @Test
  void nearlyEveryCustomerShowsUpInNinetyDaysMostOfThemSeveralTimes() {
    // A few come back only every month or two: their first journey may be after the 90 days.
    long customers =
        Histories.interactions().stream().map(i -> i.actor().customerNumber()).distinct().count();
    assertThat(customers).isBetween(285L, 300L);
    assertThat(Histories.interactions().stream().mapToInt(i -> i.spans().size()).sum())
        .as("several journeys per customer, each several touchpoints")
        .isGreaterThan(300 * 20);
  }

  @Test
  void maxTouchpointsEndsTheHistoryAfterAWholeInteraction() {
    JourneyHistory history =
        JourneyHistory.builder()
            .customers(50)
            .seed(3)
            .from(Instant.parse("2026-09-01T00:00:00Z"))
            .maxTouchpoints(1_000)
            .build();
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    history.requests().forEachRemaining(requests::add);
    long spans =
        requests.stream()
            .mapToLong(r -> r.getResourceSpans(0).getScopeSpans(0).getSpansCount())
            .sum();
    assertThat(spans).isBetween(1_000L, 1_001L);
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.getResourceSpansCount()).as("one service per request").isEqualTo(1);
              assertThat(r.getResourceSpans(0).getScopeSpans(0).getSpansCount())
                  .isLessThanOrEqualTo(500);
            });
  }

  @Test
  void refusesSettingsThatMakeNoHistory() {
    assertThatThrownBy(() -> JourneyHistory.builder().customers(10).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("starts");
    assertThatThrownBy(
            () ->
                JourneyHistory.builder()
                    .customers(10)
                    .from(Instant.parse("2026-09-01T00:00:00Z"))
                    .build())
        .hasMessageContaining("set an end");
    assertThatThrownBy(() -> JourneyHistory.builder().customers(1_000_000))
        .hasMessageContaining("999999");
    assertThatThrownBy(() -> JourneyHistory.builder().batchSize(513)).hasMessageContaining("512");
  }

  /** Every request of the history, encoded, one after the other. */
  private static byte[] bytes(JourneyHistory history) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    history.requests().forEachRemaining(r -> all.writeBytes(r.toByteArray()));
    return all.toByteArray();
  }
}

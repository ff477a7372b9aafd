package io.touchline.bench.journeys;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The histories the tests read, generated once per test run. */
final class Histories {

  /** 300 people over the 90 days up to 2026-12-01: every scenario, several times. */
  static final JourneyHistory NINETY_DAYS = ninetyDays(300, 7);

  private static List<GeneratedInteraction> interactions;

  private Histories() {}

  static JourneyHistory ninetyDays(int customers, long seed) {
    return JourneyHistory.builder()
        .customers(customers)
        .seed(seed)
        .endingAt(Instant.parse("2026-12-01T00:00:00Z"), Duration.ofDays(90))
        .build();
  }

  /** Every interaction of {@link #NINETY_DAYS}, in the order the history hands them out. */
  static synchronized List<GeneratedInteraction> interactions() {
    if (interactions == null) {
      List<GeneratedInteraction> all = new ArrayList<>();
      NINETY_DAYS.interactions().forEachRemaining(all::add);
      interactions = List.copyOf(all);
    }
    return interactions;
  }

  static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}

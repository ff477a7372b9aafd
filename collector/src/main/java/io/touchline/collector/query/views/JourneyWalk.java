package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.ViewFilter;

/**
 * Walks the profiles a filter admits, each as its filtered touchpoints in time order, and cuts them
 * into journeys where a pause is longer than the inactivity gap.
 */
final class JourneyWalk {

  /** Receives one profile's filtered touchpoints, {@code rows[0..count)} in time order. */
  interface ProfileVisitor {
    void visit(int profile, int[] rows, int count);
  }

  /** Receives one journey: {@code rows[from..to)}. */
  interface JourneyVisitor {
    void visit(int profile, int[] rows, int from, int to);
  }

  private JourneyWalk() {}

  static void profiles(JourneySnapshot snapshot, ViewFilter filter, ProfileVisitor visitor) {
    int[] buffer = new int[Math.max(1, snapshot.largestProfile())];
    for (int p = 0; p < snapshot.profiles(); p++) {
      if (!filter.admits(snapshot, p)) {
        continue;
      }
      int count = snapshot.rowsOf(p, filter, buffer);
      if (count > 0) {
        visitor.visit(p, buffer, count);
      }
    }
  }

  static void journeys(
      JourneySnapshot snapshot, ViewFilter filter, long gapNanos, JourneyVisitor visitor) {
    profiles(
        snapshot,
        filter,
        (profile, rows, count) -> {
          int from = 0;
          for (int i = 1; i <= count; i++) {
            if (i == count
                || Elapsed.exceeds(
                    snapshot.nanos(rows[i - 1]), snapshot.nanos(rows[i]), gapNanos)) {
              visitor.visit(profile, rows, from, i);
              from = i;
            }
          }
        });
  }

  /** Share as a fraction, 0 when there is nothing to share. */
  static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}

package io.touchline.collector.query.views;

import io.touchline.collector.journey.JourneySnapshot;
import io.touchline.collector.journey.Step;

/**
 * Finds a customer's best attempt at a funnel in their touchpoints: for each time they did the
 * first step, how far they got within the window; the furthest attempt wins, the earliest of
 * equals. An exclusion step ends an attempt where it happens.
 */
final class AttemptFinder {

  private final JourneySnapshot snapshot;
  private final Step.Matcher[] steps;
  private final Step.Matcher[] exclusions;
  private final long window;
  private final FunnelQuery.Order order;
  private final long[] times;
  private final long[] bestTimes;
  private final boolean[] done;
  private int reached;
  private int bestReached;

  /** Why the last attempt ended: true when it ran out of touchpoints, not window or exclusion. */
  private boolean ranOut;

  AttemptFinder(
      JourneySnapshot snapshot,
      Step.Matcher[] steps,
      Step.Matcher[] exclusions,
      long window,
      FunnelQuery.Order order) {
    this.snapshot = snapshot;
    this.steps = steps;
    this.exclusions = exclusions;
    this.window = window;
    this.order = order;
    this.times = new long[steps.length];
    this.bestTimes = new long[steps.length];
    this.done = new boolean[steps.length];
  }

  /**
   * The times of the best attempt's steps, or null when the customer never started; see {@link
   * #reached()}.
   */
  long[] best(int[] rows, int count) {
    bestReached = 0;
    for (int i = 0; i < count; i++) {
      if (!starts(rows[i])) {
        continue;
      }
      int got = attempt(rows, count, i);
      if (got > bestReached) {
        bestReached = got;
        System.arraycopy(times, 0, bestTimes, 0, got);
      }
      // A later start sees a subset of what this one saw: it cannot get further.
      if (bestReached == steps.length || ranOut) {
        break;
      }
    }
    return bestReached == 0 ? null : bestTimes;
  }

  int reached() {
    return bestReached;
  }

  private boolean starts(int row) {
    if (order != FunnelQuery.Order.ANY) {
      return steps[0].matches(snapshot, row);
    }
    for (Step.Matcher step : steps) {
      if (step.matches(snapshot, row)) {
        return true;
      }
    }
    return false;
  }

  private int attempt(int[] rows, int count, int first) {
    long start = snapshot.nanos(rows[first]);
    reached = 0;
    ranOut = true;
    java.util.Arrays.fill(done, false);
    for (int k = first; k < count && reached < steps.length; k++) {
      int row = rows[k];
      long nanos = snapshot.nanos(row);
      if (Elapsed.exceeds(start, nanos, window)) {
        ranOut = false;
        break;
      }
      if (k > first && excluded(row)) {
        ranOut = false;
        break;
      }
      switch (order) {
        case ANY -> {
          for (int s = 0; s < steps.length; s++) {
            if (!done[s] && steps[s].matches(snapshot, row)) {
              done[s] = true;
              times[reached++] = nanos;
              break;
            }
          }
        }
        case SEQUENTIAL -> {
          if (steps[reached].matches(snapshot, row)) {
            times[reached++] = nanos;
          }
        }
        case STRICT -> {
          if (steps[reached].matches(snapshot, row)) {
            times[reached++] = nanos;
          } else {
            ranOut = false; // something else came in between: this attempt ends
            return reached;
          }
        }
      }
    }
    return reached;
  }

  private boolean excluded(int row) {
    for (Step.Matcher exclusion : exclusions) {
      if (exclusion.matches(snapshot, row)) {
        return true;
      }
    }
    return false;
  }
}

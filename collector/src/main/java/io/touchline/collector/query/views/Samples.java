package io.touchline.collector.query.views;

import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.SplittableRandom;

/**
 * Durations whose median a view reports. Every one is kept up to {@link #KEPT}; beyond that a
 * uniform sample of that size (reservoir sampling, fixed seed: the same data give the same answer),
 * so the median stays exact for the sizes people check by hand and cheap at ten million.
 */
final class Samples {

  static final int KEPT = 10_000;

  private final LongArrayList values = new LongArrayList();
  private final SplittableRandom random = new SplittableRandom(42);
  private long seen;

  void add(long value) {
    seen++;
    if (values.size() < KEPT) {
      values.add(value);
    } else {
      long slot = random.nextLong(seen);
      if (slot < KEPT) {
        values.set((int) slot, value);
      }
    }
  }

  long count() {
    return seen;
  }

  /** The median in seconds (the mean of the middle two for an even count); null when empty. */
  Double medianSeconds() {
    if (values.isEmpty()) {
      return null;
    }
    long[] sorted = values.toLongArray();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    double nanos = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + (double) sorted[n / 2]) / 2;
    return nanos / 1e9;
  }
}

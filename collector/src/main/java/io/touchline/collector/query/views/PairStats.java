package io.touchline.collector.query.views;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;

/**
 * Per pair of step labels (a transition): how often, in how many journeys, and how long it took.
 * With up to {@value #DIRECT} labels a pair's slot is computed ({@code from * labels + to}), so
 * each of millions of transitions costs an index instead of a hash lookup; with more (spans named
 * freely) the pairs that occur get slots as they are seen, so memory follows the data, not the
 * square of the names.
 */
final class PairStats {

  static final int DIRECT = 1024;

  private final int labels;
  private final boolean direct;
  private final Long2IntOpenHashMap slots = new Long2IntOpenHashMap();
  private final LongArrayList pairs = new LongArrayList();
  long[] counts;
  long[] journeys;
  private int[] lastJourney;
  private Samples[] times;

  PairStats(int labels) {
    this.labels = labels;
    this.direct = labels <= DIRECT;
    int size = direct ? Math.max(1, labels * labels) : 64;
    counts = new long[size];
    journeys = new long[size];
    lastJourney = new int[size];
    times = new Samples[size];
    slots.defaultReturnValue(-1);
  }

  /** Counts one transition of journey number {@code journey} (from 1), which took {@code nanos}. */
  void add(int from, int to, int journey, long nanos) {
    int slot = slot(from, to);
    counts[slot]++;
    if (lastJourney[slot] != journey) {
      lastJourney[slot] = journey;
      journeys[slot]++;
    }
    if (times[slot] == null) {
      times[slot] = new Samples();
    }
    times[slot].add(nanos);
  }

  private int slot(int from, int to) {
    if (direct) {
      return from * labels + to;
    }
    long pair = ((long) from << 32) | to;
    int slot = slots.get(pair);
    if (slot < 0) {
      slot = pairs.size();
      slots.put(pair, slot);
      pairs.add(pair);
      if (slot == counts.length) {
        int size = counts.length * 2;
        counts = Arrays.copyOf(counts, size);
        journeys = Arrays.copyOf(journeys, size);
        lastJourney = Arrays.copyOf(lastJourney, size);
        times = Arrays.copyOf(times, size);
      }
    }
    return slot;
  }

  /** How many slots there are to visit with {@link #from}, {@link #to}, {@link #median}. */
  int slots() {
    return direct ? labels * labels : pairs.size();
  }

  int from(int slot) {
    return direct ? slot / labels : (int) (pairs.getLong(slot) >>> 32);
  }

  int to(int slot) {
    return direct ? slot % labels : (int) pairs.getLong(slot);
  }

  Double median(int slot) {
    return times[slot] == null ? null : times[slot].medianSeconds();
  }
}

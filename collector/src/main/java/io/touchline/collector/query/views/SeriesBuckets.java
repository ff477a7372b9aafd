package io.touchline.collector.query.views;

import io.touchline.collector.query.views.OverviewQuery.Bucket;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The buckets of the overview's series: where each starts, aligned in the viewer's zone, over a
 * range that may be anything stored times hold (1677-09-21 to 2262-04-11, the whole of a long). How
 * many there are — and so the work and memory of a series — follows the points drawn, never the
 * time covered: a bucket asked for that would give more than {@link OverviewQuery#MAX_BUCKETS} is
 * refused, a chosen one keeps the latest {@link OverviewQuery#MAX_BUCKETS}.
 */
final class SeriesBuckets {

  private static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE);
  private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);

  private SeriesBuckets() {}

  /**
   * How many nanoseconds {@code [first, last]} covers; {@link Long#MAX_VALUE} when more (a range
   * from 1677 to 2262 is longer than a long counts).
   */
  static long length(long first, long last) {
    long difference = last - first;
    // last >= first: a negative difference has wrapped around, it is 2^63 or more.
    return difference < 0 || difference == Long.MAX_VALUE ? Long.MAX_VALUE : difference + 1;
  }

  /**
   * The starts of the buckets that cover {@code [first, last]}, in epoch nanoseconds, earliest
   * first. Buckets start at whole seconds, minutes, hours or days of the zone — a day from local
   * midnight to midnight, 23 or 25 hours long when the clocks change. A first bucket that would
   * start before the earliest nanosecond a long holds starts there.
   *
   * @param last inclusive
   * @param chosenHere when the bucket was not asked for: a range too long for it gives its latest
   *     {@link OverviewQuery#MAX_BUCKETS} buckets instead of being refused
   * @throws IllegalArgumentException when a bucket asked for would give too many points
   */
  static long[] starts(long first, long last, Bucket bucket, ZoneId zone, boolean chosenHere) {
    long estimate = length(first, last) / bucket.nanos + 2;
    if (estimate > OverviewQuery.MAX_BUCKETS) {
      if (!chosenHere) {
        throw new IllegalArgumentException(
            "bucket="
                + bucket.name().toLowerCase()
                + " gives "
                + estimate
                + " points over this range; at most "
                + OverviewQuery.MAX_BUCKETS
                + ": choose a larger bucket or a shorter range");
      }
      // The latest buckets up to the range's end (exclusive: last + 1), written so that nothing
      // overflows when last is the latest nanosecond a long holds.
      first = last - ((OverviewQuery.MAX_BUCKETS - 2) * bucket.nanos - 1);
    }
    ChronoUnit unit =
        switch (bucket) {
          case SECOND -> ChronoUnit.SECONDS;
          case MINUTE -> ChronoUnit.MINUTES;
          case HOUR -> ChronoUnit.HOURS;
          case DAY -> ChronoUnit.DAYS;
        };
    ZonedDateTime at = Instant.ofEpochSecond(0, first).atZone(zone).truncatedTo(unit);
    LongArrayList starts = new LongArrayList();
    while (true) {
      Instant instant = at.toInstant();
      if (instant.isAfter(LATEST)) {
        break;
      }
      long nanos = instant.isBefore(EARLIEST) ? Long.MIN_VALUE : epochNanos(instant);
      if (nanos > last) {
        break;
      }
      starts.add(nanos);
      // A day is a calendar day in the zone; shorter buckets are fixed lengths of time.
      at = bucket == Bucket.DAY ? at.plusDays(1) : at.plus(bucket.nanos, ChronoUnit.NANOS);
    }
    long[] all = starts.toLongArray();
    // Days the clocks shortened can add a bucket to what the estimate counted.
    return chosenHere && all.length > OverviewQuery.MAX_BUCKETS
        ? Arrays.copyOfRange(all, all.length - OverviewQuery.MAX_BUCKETS, all.length)
        : all;
  }

  /** An instant that a long holds as epoch nanoseconds, without overflowing on the way there. */
  private static long epochNanos(Instant instant) {
    long seconds = instant.getEpochSecond();
    return seconds < 0
        ? (seconds + 1) * 1_000_000_000L + (instant.getNano() - 1_000_000_000L)
        : seconds * 1_000_000_000L + instant.getNano();
  }
}

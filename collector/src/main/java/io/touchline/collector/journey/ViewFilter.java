package io.touchline.collector.journey;

import java.util.BitSet;

/**
 * The filters every view takes: a time range, channels and services (touchpoints outside them are
 * left out) and a segment (profiles whose latest value of an attribute is not one of the values are
 * left out).
 *
 * @param fromNanos the earliest time that passes
 * @param lastNanos the latest time that passes: inclusive, so that without a bound ({@link
 *     Long#MAX_VALUE}) a touchpoint stored at the very last nanosecond a long holds passes too
 * @param channels null for any
 * @param services null for any
 * @param segment null for every profile
 */
public record ViewFilter(
    long fromNanos, long lastNanos, BitSet channels, BitSet services, Segment segment) {

  public static final ViewFilter NONE =
      new ViewFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null);

  /** Profiles whose latest value of {@code attribute} is one of {@code values} (codes + 1). */
  public record Segment(String attribute, AttributeColumns.Column column, BitSet values) {}

  /** Whether a stored touchpoint, by sequence number, passes. */
  public boolean passes(TouchpointColumns columns, long sequence) {
    if (!columns.present(sequence)) {
      return false;
    }
    long nanos = columns.nanos(sequence);
    return nanos >= fromNanos
        && nanos <= lastNanos
        && (channels == null || channels.get(columns.channel(sequence)))
        && (services == null || services.get(columns.service(sequence)));
  }

  /** Whether a snapshot's touchpoint, by position, passes. */
  public boolean passes(JourneySnapshot snapshot, int position) {
    long nanos = snapshot.nanos(position);
    return nanos >= fromNanos
        && nanos <= lastNanos
        && (channels == null || channels.get(snapshot.channel(position)))
        && (services == null || services.get(snapshot.service(position)));
  }

  public boolean admits(JourneySnapshot snapshot, int profile) {
    return segment == null || segment.values().get(snapshot.latestValue(profile, segment.column()));
  }

  /** Whether the filter leaves touchpoints in no profile in: a segment speaks of profiles only. */
  public boolean admitsUnprofiled() {
    return segment == null;
  }
}

package io.touchline.collector.journey;

import java.util.BitSet;
import java.util.Set;

/**
 * The filters every view takes: a time range, channels and services (touchpoints outside them
 * are left out) and a segment (profiles whose latest value of an attribute is not one of the
 * values are left out).
 *
 * @param channels null for any
 * @param services null for any
 * @param segment null for every profile
 */
public record ViewFilter(long fromNanos, long toNanos, BitSet channels, BitSet services, Segment segment) {

  public static final ViewFilter NONE = new ViewFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null);

  /** Profiles whose latest value of {@code attribute} is one of {@code values} (codes + 1). */
  public record Segment(String attribute, Set<String> valueNames, AttributeColumns.Column column, BitSet values) {}

  public boolean passes(TouchpointColumns columns, int row) {
    if (!columns.present(row)) {
      return false;
    }
    long nanos = columns.nanos(row);
    return nanos >= fromNanos && nanos < toNanos
        && (channels == null || channels.get(columns.channel(row)))
        && (services == null || services.get(columns.service(row)));
  }

  public boolean admits(JourneySnapshot snapshot, int profile) {
    return segment == null || segment.values().get(snapshot.latestValue(profile, segment.column()));
  }

  /** Whether the filter leaves touchpoints in no profile in: a segment speaks of profiles only. */
  public boolean admitsUnprofiled() {
    return segment == null;
  }
}

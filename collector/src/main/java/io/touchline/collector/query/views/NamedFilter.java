package io.touchline.collector.query.views;

import io.touchline.collector.journey.AttributeColumns;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.TouchpointColumns;
import io.touchline.collector.journey.ViewFilter;
import io.touchline.collector.query.BadQueryException;
import java.util.BitSet;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The filters every view takes, by name as the analyst gives them: a time range, channels, services
 * and a segment. The views resolve the names to the codes and columns their walks read ({@link
 * #resolve}), so that a caller needs to know nothing of how touchpoints are kept.
 *
 * @param fromNanos inclusive; {@link Long#MIN_VALUE} for no bound
 * @param toNanos exclusive; {@link Long#MAX_VALUE} for no bound
 * @param channels null for any; a name no touchpoint has matches nothing
 * @param services null for any; the same
 * @param segment null for every profile
 */
public record NamedFilter(
    long fromNanos, long toNanos, List<String> channels, List<String> services, Segment segment) {

  public static final NamedFilter NONE =
      new NamedFilter(Long.MIN_VALUE, Long.MAX_VALUE, null, null, null);

  /** Profiles whose latest value of {@code attribute} is one of {@code values}. */
  public record Segment(String attribute, List<String> values) {}

  /**
   * The filter as the views' walks read it.
   *
   * @throws BadQueryException when the segment's attribute cannot be used
   */
  ViewFilter resolve(Journeys journeys) {
    TouchpointColumns columns = journeys.columns();
    return new ViewFilter(
        fromNanos,
        toNanos == Long.MAX_VALUE ? Long.MAX_VALUE : toNanos - 1,
        codes(channels, columns::channelCode),
        codes(services, columns::serviceCode),
        segment == null ? null : segment(journeys));
  }

  private ViewFilter.Segment segment(Journeys journeys) {
    AttributeColumns.Column column =
        AttributeNames.column(journeys, segment.attribute(), "segment");
    BitSet codes = new BitSet();
    for (String value : segment.values()) {
      int code = column.codeOf(value);
      if (code > 0) {
        codes.set(code);
      }
    }
    return new ViewFilter.Segment(segment.attribute(), column, codes);
  }

  /** The codes of the names; a name no touchpoint has is left out, so it matches nothing. */
  private static BitSet codes(List<String> names, ToIntFunction<String> codeOf) {
    if (names == null) {
      return null;
    }
    BitSet codes = new BitSet();
    for (String name : names) {
      int code = codeOf.applyAsInt(name);
      if (code >= 0) {
        codes.set(code);
      }
    }
    return codes;
  }
}

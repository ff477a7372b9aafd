package io.touchline.collector.ingest;

import io.touchline.collector.model.Touchpoint;
import java.util.List;
import java.util.Map;

/**
 * What one OTLP export request turned into.
 *
 * @param touchpoints the spans that are touchpoints, to be stored
 * @param nonTouchpointSpans spans with neither a touchpoint name nor a usable key: counted only
 * @param placeholdersOnOtherSpans placeholder key values on spans that are not touchpoints
 * @param rejectedSpans spans that cannot be used (e.g. invalid ids), reported back to the sender
 * @param rejectionMessage why, for the OTLP partial-success answer; empty when none were rejected
 * @param undeclaredKeyAttributes {@code touchline.key.*} attributes of a type the collector does
 *     not declare: kept as plain attributes, counted
 * @param rejectedByReason the rejected spans by reason ({@code invalid_span}, or the limit they
 *     broke, e.g. {@code attribute_name_too_long}), for {@code /metrics}
 */
public record TranslatedBatch(
    List<Read> touchpoints,
    long nonTouchpointSpans,
    long placeholdersOnOtherSpans,
    long rejectedSpans,
    String rejectionMessage,
    long undeclaredKeyAttributes,
    Map<String, Long> rejectedByReason) {

  public TranslatedBatch {
    touchpoints = List.copyOf(touchpoints);
    rejectedByReason =
        rejectedByReason.isEmpty() && rejectedSpans > 0
            ? Map.of(INVALID_SPAN, rejectedSpans)
            : Map.copyOf(rejectedByReason);
  }

  public TranslatedBatch(
      List<Read> touchpoints,
      long nonTouchpointSpans,
      long placeholdersOnOtherSpans,
      long rejectedSpans,
      String rejectionMessage) {
    this(
        touchpoints,
        nonTouchpointSpans,
        placeholdersOnOtherSpans,
        rejectedSpans,
        rejectionMessage,
        0,
        Map.of());
  }

  /** The reason of a span whose trace or span id is unusable. */
  public static final String INVALID_SPAN = "invalid_span";

  /**
   * One touchpoint and the placeholder key values dropped from its span. They travel together so
   * that the store counts the placeholders only when it stores the touchpoint: a batch sent twice
   * (an OTLP retry) changes nothing.
   */
  public record Read(Touchpoint touchpoint, int placeholdersDropped) {}

  /** Every placeholder key value of the batch, stored or not. */
  public long placeholdersDropped() {
    return placeholdersOnOtherSpans
        + touchpoints.stream().mapToLong(Read::placeholdersDropped).sum();
  }
}

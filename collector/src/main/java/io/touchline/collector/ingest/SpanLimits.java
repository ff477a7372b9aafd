package io.touchline.collector.ingest;

import io.touchline.collector.config.CollectorConfig;
import java.time.Duration;

/**
 * What one span may carry to be taken (the {@code limits} section of {@code collector.yaml}). A
 * span over any of them is refused on its own and reported to its sender; the rest of its request
 * is stored. They exist so that no single span can make stored data unreadable, stall the writer or
 * put an event where no view expects one; the defaults are far above what any sender sends.
 *
 * @param maxAttributeNameLength characters in an attribute's name (nested key-value lists too)
 * @param maxAttributeValueLength characters in one text value: an attribute's, each item of a list,
 *     a bytes value as the base64 text it is stored as, and the span's name
 * @param maxAttributesPerSpan attributes on the span itself
 * @param maxKeyValuesPerSpan customer key values on the span, placeholders and repeats included
 * @param maxKeyValuesPerType customer key values of any one key type on the span
 * @param maxSpanBytes the span's protobuf encoding, events and links included
 * @param maxEventTimeAhead how far after the collector's clock a span may start (clocks drift)
 */
public record SpanLimits(
    int maxAttributeNameLength,
    int maxAttributeValueLength,
    int maxAttributesPerSpan,
    int maxKeyValuesPerSpan,
    int maxKeyValuesPerType,
    int maxSpanBytes,
    Duration maxEventTimeAhead) {

  public SpanLimits {
    if (maxAttributeNameLength < 1
        || maxAttributeValueLength < 1
        || maxAttributesPerSpan < 1
        || maxKeyValuesPerSpan < 1
        || maxKeyValuesPerType < 1
        || maxSpanBytes < 1) {
      throw new IllegalArgumentException("every span limit must be 1 or more");
    }
    if (maxEventTimeAhead == null || maxEventTimeAhead.isNegative()) {
      throw new IllegalArgumentException("maxEventTimeAhead must be zero or more");
    }
  }

  /** The limits {@code collector.yaml} sets. */
  public static SpanLimits from(CollectorConfig.Limits limits) {
    return new SpanLimits(
        limits.maxAttributeNameLength(),
        limits.maxAttributeValueLength(),
        limits.maxAttributesPerSpan(),
        limits.maxKeyValuesPerSpan(),
        limits.maxKeyValuesPerType(),
        limits.maxSpanBytes(),
        limits.eventTimeAhead());
  }

  /** The defaults of {@code collector.yaml}. */
  public static SpanLimits defaults() {
    return from(CollectorConfig.Limits.defaults());
  }
}

package io.touchline.collector.ingest;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.stitch.KeyTypes;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The door: whether one span is within the {@link SpanLimits}, checked before anything is made of
 * it. Every check walks the span once and allocates nothing unless the span is refused (then only
 * the message), so a span within the limits costs a few comparisons per attribute; one over them
 * costs no more than its size, however many values it carries.
 */
final class SpanCheck {

  /** A span refused: {@code reason} is the metric's label, {@code message} tells the sender. */
  record Refusal(String reason, String message) {}

  static final String EVENT_TIME = "event_time_out_of_range";
  static final String TOO_MANY_ATTRIBUTES = "too_many_attributes";
  static final String SPAN_TOO_LARGE = "span_too_large";
  static final String NAME_TOO_LONG = "attribute_name_too_long";
  static final String VALUE_TOO_LONG = "attribute_value_too_long";
  static final String TOO_MANY_KEY_VALUES = "too_many_key_values";

  /** How much of an over-long name the message quotes: enough to find it in the sender's code. */
  private static final int QUOTED_CHARS = 40;

  private final SpanLimits limits;
  private final KeyTypes keyTypes;
  private final long aheadNanos;

  SpanCheck(SpanLimits limits, KeyTypes keyTypes) {
    this.limits = limits;
    this.keyTypes = keyTypes;
    this.aheadNanos = saturatedNanos(limits.maxEventTimeAhead());
  }

  /**
   * Why the span is refused, or null when it is within every limit.
   *
   * @param nowNanos the collector's clock, read once per request
   */
  Refusal check(Span span, long nowNanos) {
    // OTLP's start time is unsigned: a value Java reads as negative is 2^63 or more (past 2262,
    // or a pre-1970 time sent as two's complement), and would be stored as a time before 1970.
    long start = span.getStartTimeUnixNano();
    long latest = nowNanos > Long.MAX_VALUE - aheadNanos ? Long.MAX_VALUE : nowNanos + aheadNanos;
    if (start < 0 || start > latest) {
      return refuse(span, EVENT_TIME, eventTimeProblem(start, latest));
    }
    int attributes = span.getAttributesCount();
    if (attributes > limits.maxAttributesPerSpan()) {
      return refuse(
          span,
          TOO_MANY_ATTRIBUTES,
          attributes
              + " attributes, over limits.maxAttributesPerSpan "
              + limits.maxAttributesPerSpan());
    }
    // Protobuf computes the size once per message, walking it without allocating.
    int bytes = span.getSerializedSize();
    if (bytes > limits.maxSpanBytes()) {
      return refuse(
          span,
          SPAN_TOO_LARGE,
          bytes + " bytes encoded, over limits.maxSpanBytes " + limits.maxSpanBytes());
    }
    int nameLength = span.getName().length();
    if (nameLength > limits.maxAttributeValueLength()) {
      return refuse(
          span,
          VALUE_TOO_LONG,
          "the span's name is "
              + nameLength
              + " characters, over limits.maxAttributeValueLength "
              + limits.maxAttributeValueLength());
    }
    int keyValues = 0;
    int[] byType = null; // allocated for the first key attribute only
    for (int i = 0; i < attributes; i++) {
      KeyValue attribute = span.getAttributes(i);
      String name = attribute.getKey();
      Refusal refusal = checkAttribute(span, name, attribute.getValue());
      if (refusal != null) {
        return refusal;
      }
      int slot = keyTypes.slotOf(name);
      if (slot >= 0) {
        int values = keyValues(attribute.getValue());
        keyValues += values;
        if (byType == null) {
          byType = new int[keyTypes.size()];
        }
        byType[slot] += values;
      }
    }
    if (keyValues > limits.maxKeyValuesPerSpan()) {
      return refuse(
          span,
          TOO_MANY_KEY_VALUES,
          keyValues
              + " customer key values, over limits.maxKeyValuesPerSpan "
              + limits.maxKeyValuesPerSpan());
    }
    for (int slot = 0; byType != null && slot < byType.length; slot++) {
      if (byType[slot] > limits.maxKeyValuesPerType()) {
        return refuse(
            span,
            TOO_MANY_KEY_VALUES,
            byType[slot]
                + " "
                + keyTypes.names().get(slot)
                + " key values, over limits.maxKeyValuesPerType "
                + limits.maxKeyValuesPerType());
      }
    }
    return null;
  }

  /** The attribute's name, then every text and nested name in its value. */
  private Refusal checkAttribute(Span span, String name, AnyValue value) {
    if (name.length() > limits.maxAttributeNameLength()) {
      return refuse(
          span,
          NAME_TOO_LONG,
          "attribute name '"
              + quote(name)
              + "' is "
              + name.length()
              + " characters, over limits.maxAttributeNameLength "
              + limits.maxAttributeNameLength());
    }
    int length =
        switch (value.getValueCase()) {
          case STRING_VALUE -> value.getStringValue().length();
          // Stored as base64 text: four characters for every three bytes.
          case BYTES_VALUE -> 4 * ((value.getBytesValue().size() + 2) / 3);
          default -> 0;
        };
    if (length > limits.maxAttributeValueLength()) {
      return refuse(
          span,
          VALUE_TOO_LONG,
          "attribute '"
              + quote(name)
              + "' has a value of "
              + length
              + " characters, over limits.maxAttributeValueLength "
              + limits.maxAttributeValueLength());
    }
    // Nesting is bounded by protobuf's own recursion limit (100) when the request is parsed.
    // Indexed loops: an iterator per list would be an allocation per attribute.
    if (value.hasArrayValue()) {
      ArrayValue array = value.getArrayValue();
      for (int i = 0; i < array.getValuesCount(); i++) {
        Refusal refusal = checkAttribute(span, name, array.getValues(i));
        if (refusal != null) {
          return refusal;
        }
      }
    } else if (value.hasKvlistValue()) {
      KeyValueList entries = value.getKvlistValue();
      for (int i = 0; i < entries.getValuesCount(); i++) {
        KeyValue entry = entries.getValues(i);
        Refusal refusal = checkAttribute(span, entry.getKey(), entry.getValue());
        if (refusal != null) {
          return refusal;
        }
      }
    }
    return null;
  }

  /** The values a key attribute carries, as {@link AttributeValues#strings} would read them. */
  private static int keyValues(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE, INT_VALUE -> 1;
      case ARRAY_VALUE -> {
        ArrayValue array = value.getArrayValue();
        int count = 0;
        for (int i = 0; i < array.getValuesCount(); i++) {
          count += keyValues(array.getValues(i));
        }
        yield count;
      }
      default -> 0;
    };
  }

  private static String eventTimeProblem(long start, long latest) {
    String window =
        " (a span must start between 1970-01-01T00:00:00Z and "
            + Instant.ofEpochSecond(0, latest)
            + ", limits.maxEventTimeAhead after the collector's clock)";
    return start < 0
        ? "start time " + Long.toUnsignedString(start) + " ns is out of range" + window
        : "start time " + Instant.ofEpochSecond(0, start) + " is too far ahead" + window;
  }

  private static Refusal refuse(Span span, String reason, String problem) {
    HexFormat hex = HexFormat.of();
    return new Refusal(
        reason,
        "span "
            + hex.formatHex(span.getSpanId().toByteArray())
            + " of trace "
            + hex.formatHex(span.getTraceId().toByteArray())
            + ": "
            + problem);
  }

  private static String quote(String name) {
    return name.length() <= QUOTED_CHARS ? name : name.substring(0, QUOTED_CHARS) + "…";
  }

  private static long saturatedNanos(java.time.Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}

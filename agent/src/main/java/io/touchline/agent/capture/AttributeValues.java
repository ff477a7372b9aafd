package io.touchline.agent.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a captured Java value into one an OpenTelemetry attribute can hold, keeping its type:
 * Boolean, Long (whole numbers), Double (other numbers) or String (anything else, capped).
 */
public final class AttributeValues {

  /** Longer strings are cut: a stray toString() of a large object must not bloat every span. */
  public static final int MAX_STRING_LENGTH = 256;

  private AttributeValues() {}

  /** The attribute value, or null when there is nothing to record. */
  public static Object coerce(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof AtomicInteger
        || value instanceof AtomicLong) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger && ((BigInteger) value).bitLength() < 64) {
      return ((BigInteger) value).longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Enum) {
      return ((Enum<?>) value).name();
    }
    return text(value);
  }

  /** The value as text for a key; null for null. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text;
    if (value instanceof BigDecimal) {
      text = ((BigDecimal) value).toPlainString();
    } else {
      try {
        text = String.valueOf(value);
      } catch (Throwable e) {
        // A host object whose toString() throws must not break the call being observed.
        return null;
      }
    }
    return text.length() > MAX_STRING_LENGTH ? text.substring(0, MAX_STRING_LENGTH) : text;
  }
}

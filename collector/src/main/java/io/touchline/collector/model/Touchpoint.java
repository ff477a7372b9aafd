package io.touchline.collector.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One customer interaction, read from one span: what happened ({@code touchpoint}), where ({@code
 * channel}, {@code service}), how it went ({@code outcome}), and who it was (the keys).
 *
 * @param eventTimeNanos the span's start, epoch nanoseconds
 * @param keys normalised key values by key type, in type priority order
 * @param attributes every other span attribute: Boolean, Long, Double, String or a List of them
 */
public record Touchpoint(
    String traceId,
    String spanId,
    long eventTimeNanos,
    String touchpoint,
    String channel,
    String service,
    String outcome,
    Map<String, List<String>> keys,
    Map<String, Object> attributes) {

  public Touchpoint {
    // Copies that keep their order: keys come in type priority order, attributes as sent.
    keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }
}

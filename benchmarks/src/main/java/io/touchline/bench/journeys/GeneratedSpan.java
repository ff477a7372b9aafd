package io.touchline.bench.journeys;

import java.util.List;
import java.util.Map;

/**
 * One touchpoint span as an agent exports it, before encoding: ids and the interaction's {@code
 * demo.interaction} are added by {@link SpanEncoder}.
 *
 * @param keys normalised key values by type ({@code touchline.key.<type>}): one value is sent as a
 *     string, several as an array, as the agent does
 * @param attributes captured attributes, typed as the agent types them: String, Long, Double or
 *     Boolean
 * @param failure what the method threw, or null when it returned
 * @param nested whether the span is a child of the interaction's first span (a touchpoint method
 *     called inside another, on the same thread)
 */
public record GeneratedSpan(
    String name,
    String function,
    long startNanos,
    long endNanos,
    Map<String, List<String>> keys,
    Map<String, Object> attributes,
    Failure failure,
    boolean nested) {

  /** An exception the intercepted method threw: the span's exception event and ERROR status. */
  public record Failure(String type, String message, String stackTrace) {}

  public boolean failed() {
    return failure != null;
  }
}

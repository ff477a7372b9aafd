package io.touchline.bench.journeys;

import java.util.List;
import java.util.SortedMap;

/**
 * Everything about a touchpoint span except its values: what must be the same in the generator's
 * spans and the real agents' for a touchpoint of one service and outcome. Collections are sorted,
 * so equal shapes are equal records and print the same.
 *
 * @param resource every resource attribute with its value (they are constant per service)
 * @param scope the instrumentation scope's name and version
 * @param keyTypes the types of the {@code touchline.key.*} attributes
 * @param attributes every other attribute's name and value type, e.g. {@code product.price:double}
 * @param configVersion {@code touchline.config.version}
 * @param status the status code, and its message when there is one
 * @param events each event's name and attribute names
 * @param child whether the span has a parent (a touchpoint called inside another)
 */
public record SpanShape(
    String service,
    String channel,
    String touchpoint,
    String outcome,
    SortedMap<String, String> resource,
    String scope,
    String kind,
    int flags,
    List<String> keyTypes,
    List<String> attributes,
    String configVersion,
    String status,
    List<String> events,
    boolean child)
    implements Comparable<SpanShape> {

  /** Which touchpoint this is the shape of: service, touchpoint and outcome. */
  public String touchpointOf() {
    return service + " " + touchpoint + " (" + outcome + ")";
  }

  @Override
  public int compareTo(SpanShape other) {
    int byTouchpoint = touchpointOf().compareTo(other.touchpointOf());
    return byTouchpoint != 0 ? byTouchpoint : toString().compareTo(other.toString());
  }
}

package io.touchline.collector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A page of stored touchpoints, as {@code GET /api/touchpoints} answers it (see docs/api.md). */
public record TouchpointListView(
    List<Item> touchpoints, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor)
    implements Paged {

  /**
   * One touchpoint, with the profile it belongs to now.
   *
   * @param profileId null when the touchpoint is unattributed (it carries no usable key) or
   *     ambiguous
   * @param ambiguous whether its only keys are shared by several customers' profiles
   */
  public record Item(
      String time,
      String touchpoint,
      String channel,
      String service,
      String outcome,
      Map<String, Object> keys,
      Map<String, Object> attributes,
      String traceId,
      String spanId,
      String profileId,
      boolean ambiguous) {}
}

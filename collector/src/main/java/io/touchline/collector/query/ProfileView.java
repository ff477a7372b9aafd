package io.touchline.collector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** A customer profile as the API answers it (see docs/api.md). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfileView(
    String id,
    String supersededId,
    List<KeyView> keys,
    List<String> channels,
    long touchpointCount,
    List<TouchpointView> touchpoints,
    String nextCursor) {

  /** One key of the profile, with when and where it was seen. */
  public record KeyView(String type, String value, String firstSeen, String lastSeen, List<String> channels) {}

  /** One touchpoint of the timeline. */
  public record TouchpointView(
      String time,
      String touchpoint,
      String channel,
      String service,
      String outcome,
      Map<String, Object> keys,
      Map<String, Object> attributes,
      String traceId,
      String spanId) {}

  ProfileView withSupersededId(String asked) {
    return new ProfileView(id, asked, keys, channels, touchpointCount, touchpoints, nextCursor);
  }
}

package io.touchline.collector.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
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
    String nextCursor,
    List<ConflictView> conflicts)
    implements Tabular, Paged {

  /** As CSV: one page of its touchpoints (the default), its keys, its refused links. */
  @Override
  public Map<String, Table> tables() {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("touchpoints", new Table(TouchpointView.class, touchpoints));
    tables.put("keys", new Table(KeyView.class, keys));
    tables.put(
        "conflicts", new Table(ConflictView.class, conflicts == null ? List.of() : conflicts));
    return tables;
  }

  /**
   * One key of the profile, with when and where it was seen.
   *
   * @param shared listed on several profiles that hold different customers; it links none of them
   */
  public record KeyView(
      String type,
      String value,
      String firstSeen,
      String lastSeen,
      boolean shared,
      List<String> channels) {}

  /**
   * A link the identity rules refused: on this touchpoint, {@code refusedKey} was not joined, by
   * {@code rule}.
   */
  public record ConflictView(
      String time, String traceId, String spanId, String refusedKey, String rule) {}

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
    return new ProfileView(
        id, asked, keys, channels, touchpointCount, touchpoints, nextCursor, conflicts);
  }
}

package io.touchline.collector.erase;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What an erasure removes — or, on a dry run, would remove — as {@code DELETE /api/profiles}
 * answers it (see docs/api.md).
 *
 * @param erasedAt when it happened; absent on a dry run
 * @param profiles the erased profile's id
 * @param keys the keys erased: the profile's own, each left behind as a one-way tombstone
 * @param sharedKeysKept shared keys listed on the profile: other customers' too, so kept
 * @param touchpoints how many stored touchpoints go: every one carrying an erased key
 * @param spans those touchpoints, in time order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureView(
    boolean dryRun,
    String erasedAt,
    List<String> profiles,
    List<String> keys,
    List<String> sharedKeysKept,
    long touchpoints,
    Map<String, Long> touchpointsByChannel,
    List<Span> spans) {

  /** One touchpoint that goes. */
  public record Span(
      String time, String touchpoint, String channel, String traceId, String spanId) {}
}

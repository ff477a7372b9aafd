package io.touchline.collector.query;

import java.util.List;

/**
 * Why a profile's keys are one customer, as {@code GET /api/profiles/{id}/graph} answers it
 * (see docs/api.md): its keys, the links between them with the touchpoints that made each, and
 * the links the identity rules refused.
 */
public record GraphView(String id, List<Node> keys, List<Link> links, List<ProfileView.ConflictView> refused) {

  /**
   * A key of the profile.
   *
   * @param sharedWith for a shared key, the other profiles it is listed on (it links none of them)
   */
  public record Node(String key, boolean shared, List<String> sharedWith) {}

  /**
   * Two keys seen together on touchpoints of the profile.
   *
   * @param touchpoints how many touchpoints carried both
   * @param evidence the first of them (at most {@value GraphView#EVIDENCE}), in time order
   */
  public record Link(String from, String to, long touchpoints, List<Evidence> evidence) {}

  /** A touchpoint that carried both keys of a link. */
  public record Evidence(String time, String touchpoint, String channel, String traceId, String spanId) {}

  /** Touchpoints shown per link; the count says how many there are. */
  public static final int EVIDENCE = 10;
}

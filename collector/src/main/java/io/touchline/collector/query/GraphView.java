package io.touchline.collector.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a profile's keys are one customer, as {@code GET /api/profiles/{id}/graph} answers it (see
 * docs/api.md): its keys, the links between them with the touchpoints that made each, and the links
 * the identity rules refused.
 */
public record GraphView(
    String id, List<Node> keys, List<Link> links, List<ProfileView.ConflictView> refused)
    implements Tabular {

  /** As CSV: its links (the default; evidence as a JSON cell), its keys, the refused links. */
  @Override
  public Map<String, Table> tables() {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("links", new Table(Link.class, links));
    tables.put("keys", new Table(Node.class, keys));
    tables.put("refused", new Table(ProfileView.ConflictView.class, refused));
    return tables;
  }

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
  public record Evidence(
      String time, String touchpoint, String channel, String traceId, String spanId) {}

  /** Touchpoints shown per link; the count says how many there are. */
  public static final int EVIDENCE = 10;
}

package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileIds;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Answers profile and stats questions from the store, applying the stitching rules. */
public final class ProfileQuery {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final TouchpointStore store;
  private final ProfileIndex index;
  private final KeyTypes keyTypes;

  public ProfileQuery(TouchpointStore store, KeyTypes keyTypes) {
    this.store = store;
    this.index = store.index();
    this.keyTypes = keyTypes;
  }

  public KeyTypes keyTypes() {
    return keyTypes;
  }

  /** The profile holding {@code key} (already normalised), if any touchpoint carries it. */
  public Optional<ProfileView> byKey(CustomerKey key) throws SQLException {
    return byKey(key, Page.first());
  }

  /** The same, with one page of its touchpoints. */
  public Optional<ProfileView> byKey(CustomerKey key, Page page) throws SQLException {
    return build(ProfileIds.keyHash(key), page);
  }

  /** The profile with this id, with its first page of touchpoints. */
  public Optional<ProfileView> byId(String id) throws SQLException {
    return byId(id, Page.first());
  }

  /**
   * The profile with this id. An id names the profile's anchoring key; when that key now belongs
   * to a profile anchored elsewhere (it merged), the current profile answers, marked superseded.
   */
  public Optional<ProfileView> byId(String id, Page page) throws SQLException {
    if (!id.matches("p_[0-9a-f]{32}")) {
      return Optional.empty();
    }
    return build(id.substring(2), page).map(p -> p.id().equals(id) ? p : p.withSupersededId(id));
  }

  /** The id of the profile holding {@code key} now, if a stored touchpoint carries it. */
  public Optional<String> idOfProfileHolding(CustomerKey key) throws SQLException {
    return build(ProfileIds.keyHash(key), new Page(1, null)).map(ProfileView::id);
  }

  public StatsView stats() throws SQLException {
    ProfileIndex.Census census = index.census();
    long touchpoints = census.keyedTouchpoints() + census.unattributed();
    try (StoreReader reader = store.reader()) {
      return new StatsView(
          touchpoints,
          census.profiles(),
          touchpoints == 0 ? 0 : (double) census.identifiedTouchpoints() / touchpoints,
          census.unattributed(),
          reader.counter("placeholdersDropped"),
          reader.counter("nonTouchpointSpans"));
    }
  }

  /** The profile holding the key with this hash, if a stored touchpoint carries that key. */
  private Optional<ProfileView> build(String keyHash, Page page) throws SQLException {
    long[] sequences = index.touchpointsOf(ProfileIds.fingerprint(keyHash));
    if (sequences.length == 0) {
      return Optional.empty();
    }
    List<Touchpoint> touchpoints;
    try (StoreReader reader = store.reader()) {
      touchpoints = reader.touchpointsBySequence(sequences);
    }
    List<SeenKey> keys = seenKeys(touchpoints);
    // The index knows keys by a 64-bit fingerprint: make sure the key asked for is really here.
    if (keys.stream().noneMatch(k -> ProfileIds.keyHash(k.key()).equals(keyHash))) {
      return Optional.empty();
    }
    Set<String> channels = new LinkedHashSet<>();
    touchpoints.forEach(t -> channels.add(t.channel()));
    // Keys and channels come from every touchpoint; the timeline is one page of them.
    List<Touchpoint> pageOf =
        touchpoints.stream().filter(t -> page.after() == null || position(t).compareTo(page.after()) > 0)
            .limit(page.limit() + 1L).toList();
    boolean more = pageOf.size() > page.limit();
    List<Touchpoint> shown = more ? pageOf.subList(0, page.limit()) : pageOf;
    return Optional.of(
        new ProfileView(
            ProfileIds.forAnchor(anchor(keys)),
            null,
            keys.stream().map(SeenKey::view).toList(),
            List.copyOf(channels),
            touchpoints.size(),
            shown.stream().map(ProfileQuery::touchpointView).toList(),
            more ? position(shown.get(shown.size() - 1)).cursor() : null));
  }

  private static Page.Position position(Touchpoint touchpoint) {
    return new Page.Position(touchpoint.eventTimeNanos(), touchpoint.traceId(), touchpoint.spanId());
  }

  /** One key of a profile: when it was first and last seen (epoch nanos) and on which channels. */
  private record SeenKey(CustomerKey key, long firstSeen, long lastSeen, Set<String> channels) {
    ProfileView.KeyView view() {
      return new ProfileView.KeyView(
          key.type(), key.value(), time(firstSeen), time(lastSeen), List.copyOf(channels));
    }
  }

  /**
   * Its customer_id if it has one (the smallest), else its earliest-seen key, ties broken by type
   * priority then value: a function of the profile's touchpoints, not of their arrival order.
   */
  private CustomerKey anchor(List<SeenKey> keys) {
    Comparator<SeenKey> byPriorityThenValue =
        Comparator.comparingInt((SeenKey k) -> keyTypes.priorityOf(k.key().type()))
            .thenComparing(k -> k.key().type())
            .thenComparing(k -> k.key().value());
    return keys.stream()
        .filter(k -> k.key().type().equals(ProfileIndex.IDENTIFYING_TYPE))
        .min(Comparator.comparing(k -> k.key().value()))
        .or(() -> keys.stream().min(Comparator.comparingLong(SeenKey::firstSeen).thenComparing(byPriorityThenValue)))
        .orElseThrow()
        .key();
  }

  /** The keys of the touchpoints, in type priority order then by value. */
  private List<SeenKey> seenKeys(List<Touchpoint> touchpoints) {
    Map<CustomerKey, SeenKey> seen = new LinkedHashMap<>();
    for (Touchpoint touchpoint : touchpoints) {
      long time = touchpoint.eventTimeNanos();
      touchpoint.keys().forEach(
          (type, values) ->
              values.forEach(
                  value ->
                      seen.merge(
                          new CustomerKey(type, value),
                          new SeenKey(new CustomerKey(type, value), time, time, Set.of(touchpoint.channel())),
                          ProfileQuery::combine)));
    }
    List<SeenKey> keys = new ArrayList<>(seen.values());
    keys.sort(
        Comparator.comparingInt((SeenKey k) -> keyTypes.priorityOf(k.key().type()))
            .thenComparing(k -> k.key().type())
            .thenComparing(k -> k.key().value()));
    return keys;
  }

  private static SeenKey combine(SeenKey a, SeenKey b) {
    Set<String> channels = new LinkedHashSet<>(a.channels());
    channels.addAll(b.channels());
    return new SeenKey(
        a.key(), Math.min(a.firstSeen(), b.firstSeen()), Math.max(a.lastSeen(), b.lastSeen()), channels);
  }

  static ProfileView.TouchpointView touchpointView(Touchpoint touchpoint) {
    Map<String, Object> keys = new LinkedHashMap<>();
    touchpoint.keys().forEach((type, values) -> keys.put(type, values.size() == 1 ? values.get(0) : values));
    return new ProfileView.TouchpointView(
        time(touchpoint.eventTimeNanos()),
        touchpoint.touchpoint(),
        touchpoint.channel(),
        touchpoint.service(),
        touchpoint.outcome(),
        keys,
        new TreeMap<>(touchpoint.attributes()),
        touchpoint.traceId(),
        touchpoint.spanId());
  }

  /** ISO-8601 UTC with a fixed nine-digit fraction: lossless, and such strings sort in time order. */
  static String time(long epochNanos) {
    return TIME.format(Instant.ofEpochSecond(0, epochNanos));
  }
}

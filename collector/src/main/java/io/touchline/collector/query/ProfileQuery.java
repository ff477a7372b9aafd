package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ConnectedKeys;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileCensus;
import io.touchline.collector.stitch.ProfileIds;
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

  static final String IDENTIFYING_TYPE = "customer_id";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final TouchpointStore store;
  private final KeyTypes keyTypes;

  public ProfileQuery(TouchpointStore store, KeyTypes keyTypes) {
    this.store = store;
    this.keyTypes = keyTypes;
  }

  public KeyTypes keyTypes() {
    return keyTypes;
  }

  /** The profile holding {@code key} (already normalised), if any touchpoint carries it. */
  public Optional<ProfileView> byKey(CustomerKey key) throws SQLException {
    try (StoreReader reader = store.reader()) {
      return build(key, reader);
    }
  }

  /**
   * The profile with this id. An id names the profile's anchoring key; when that key now belongs
   * to a profile anchored elsewhere (it merged), the current profile answers, marked superseded.
   */
  public Optional<ProfileView> byId(String id) throws SQLException {
    if (!id.startsWith("p_")) {
      return Optional.empty();
    }
    try (StoreReader reader = store.reader()) {
      Optional<CustomerKey> anchor = reader.keyWithHash(id.substring(2));
      if (anchor.isEmpty()) {
        return Optional.empty();
      }
      return build(anchor.get(), reader).map(p -> p.id().equals(id) ? p : p.withSupersededId(id));
    }
  }

  public StatsView stats() throws SQLException {
    try (StoreReader reader = store.reader()) {
      ProfileCensus census = new ProfileCensus(IDENTIFYING_TYPE);
      reader.forEachLink(census::link);
      long touchpoints = reader.touchpointCount();
      double identifiedShare = touchpoints == 0 ? 0 : (double) census.identifiedTouchpoints() / touchpoints;
      return new StatsView(
          touchpoints,
          census.profiles(),
          identifiedShare,
          reader.unattributedCount(),
          0,
          0,
          0,
          reader.counter("placeholdersDropped"),
          0,
          reader.counter("nonTouchpointSpans"));
    }
  }

  private Optional<ProfileView> build(CustomerKey key, StoreReader reader) {
    ConnectedKeys.Component component = ConnectedKeys.of(key, reader);
    if (component.touchpoints().isEmpty()) {
      return Optional.empty();
    }
    List<Touchpoint> touchpoints = reader.touchpoints(component.touchpoints());
    List<ProfileView.KeyView> keys = keyViews(touchpoints);
    Set<String> channels = new LinkedHashSet<>();
    touchpoints.forEach(t -> channels.add(t.channel()));
    return Optional.of(
        new ProfileView(
            ProfileIds.forAnchor(anchor(keys)),
            null,
            keys,
            List.copyOf(channels),
            touchpoints.stream().map(ProfileQuery::touchpointView).toList(),
            List.of()));
  }

  /** Its customer_id if it has one (the smallest), else its earliest-seen key. */
  private CustomerKey anchor(List<ProfileView.KeyView> keys) {
    Comparator<ProfileView.KeyView> byPriority =
        Comparator.comparingInt((ProfileView.KeyView k) -> keyTypes.priorityOf(k.type()))
            .thenComparing(ProfileView.KeyView::value);
    ProfileView.KeyView chosen =
        keys.stream()
            .filter(k -> k.type().equals(IDENTIFYING_TYPE))
            .min(Comparator.comparing(ProfileView.KeyView::value))
            .orElseGet(
                () ->
                    keys.stream()
                        .min(Comparator.comparing(ProfileView.KeyView::firstSeen).thenComparing(byPriority))
                        .orElseThrow());
    return new CustomerKey(chosen.type(), chosen.value());
  }

  private List<ProfileView.KeyView> keyViews(List<Touchpoint> touchpoints) {
    Map<CustomerKey, long[]> seen = new LinkedHashMap<>();
    Map<CustomerKey, Set<String>> channels = new LinkedHashMap<>();
    for (Touchpoint touchpoint : touchpoints) {
      touchpoint.keys().forEach(
          (type, values) ->
              values.forEach(
                  value -> {
                    CustomerKey key = new CustomerKey(type, value);
                    long[] firstLast =
                        seen.computeIfAbsent(key, k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                    firstLast[0] = Math.min(firstLast[0], touchpoint.eventTimeNanos());
                    firstLast[1] = Math.max(firstLast[1], touchpoint.eventTimeNanos());
                    channels.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(touchpoint.channel());
                  }));
    }
    List<ProfileView.KeyView> views = new ArrayList<>();
    seen.forEach(
        (key, firstLast) ->
            views.add(
                new ProfileView.KeyView(
                    key.type(),
                    key.value(),
                    time(firstLast[0]),
                    time(firstLast[1]),
                    false,
                    List.copyOf(channels.get(key)))));
    views.sort(
        Comparator.comparingInt((ProfileView.KeyView k) -> keyTypes.priorityOf(k.type()))
            .thenComparing(ProfileView.KeyView::type)
            .thenComparing(ProfileView.KeyView::value));
    return views;
  }

  private static ProfileView.TouchpointView touchpointView(Touchpoint touchpoint) {
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

  /** ISO-8601 UTC with a fixed six-digit fraction: such strings sort in time order. */
  static String time(long epochNanos) {
    return TIME.format(Instant.ofEpochSecond(0, epochNanos));
  }
}

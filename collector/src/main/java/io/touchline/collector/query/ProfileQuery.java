package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileIds;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.stitch.ProfileLookup;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import io.touchline.keys.KeyHashing;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Answers profile and stats questions from the store, applying the stitching rules. */
public final class ProfileQuery {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final TouchpointStore store;
  private final ProfileLookup index;
  private final KeyTypes keyTypes;

  /** The agents' hash secret, when the collector was given it; null otherwise. */
  private final byte[] hashSecret;

  private final IdentityGraphQuery graphs;

  /**
   * @param hashSecret the agents' secret for hashed keys, or null
   */
  public ProfileQuery(
      TouchpointStore store, ProfileLookup index, KeyTypes keyTypes, String hashSecret) {
    this.hashSecret = hashSecret == null ? null : hashSecret.getBytes(StandardCharsets.UTF_8);
    this.store = store;
    this.index = index;
    this.keyTypes = keyTypes;
    this.graphs = new IdentityGraphQuery(this, store, index);
  }

  /**
   * The key {@code ?key=<type>:<value>} names, normalised as its type says; a {@link
   * BadQueryException} when it names none.
   */
  public CustomerKey key(String raw) {
    return KeyParameter.parse(raw, keyTypes);
  }

  public KeyTypes keyTypes() {
    return keyTypes;
  }

  /** The profile holding {@code key} (already normalised), if any touchpoint carries it. */
  public Optional<ProfileView> byKey(CustomerKey key) {
    return byKey(key, Page.first());
  }

  /** The same, with one page of its touchpoints. */
  public Optional<ProfileView> byKey(CustomerKey key, Page page) {
    Optional<ProfileView> asGiven = build(KeyHashes.keyHash(key), page);
    if (asGiven.isPresent() || hashSecret == null || KeyHashing.isHashed(key.value())) {
      return asGiven;
    }
    // Agents may send this key type hashed: look the value up as they would have sent it.
    return build(
        KeyHashes.keyHash(new CustomerKey(key.type(), KeyHashing.hash(hashSecret, key.value()))),
        page);
  }

  /** The profile with this id, with its first page of touchpoints. */
  public Optional<ProfileView> byId(String id) {
    return byId(id, Page.first());
  }

  /**
   * The profile with this id. An id names the profile's anchoring key; when that key now belongs to
   * a profile anchored elsewhere (it merged), the current profile answers, marked superseded.
   */
  public Optional<ProfileView> byId(String id, Page page) {
    if (!id.matches("p_[0-9a-f]{32}")) {
      return Optional.empty();
    }
    return build(id.substring(2), page).map(p -> p.id().equals(id) ? p : p.withSupersededId(id));
  }

  /**
   * The keys of the profile with this id and why they are one customer: each link between two of
   * its keys with the touchpoints that carried both, shared keys with the profiles they are also
   * listed on, and the refused links.
   */
  public Optional<GraphView> graph(String id) {
    return graphs.graph(id);
  }

  /**
   * The id of the profile holding the stored touchpoint with this sequence number now; null when
   * none.
   */
  public String idOfProfileAt(long sequence) {
    List<Touchpoint> stored;
    try (StoreReader reader = store.reader()) {
      stored = reader.touchpointsBySequence(new long[] {sequence});
    } catch (SQLException e) {
      throw new StoreException("reading a profile's id failed: " + e.getMessage(), e);
    }
    if (stored.isEmpty()) {
      return null;
    }
    Optional<CustomerKey> key = profileKeyOf(stored.get(0));
    return key.isEmpty() ? null : idOfProfileHolding(key.get()).orElse(null);
  }

  /** The id of the profile holding {@code key} now, if a stored touchpoint carries it. */
  public Optional<String> idOfProfileHolding(CustomerKey key) {
    return build(KeyHashes.keyHash(key), new Page(1, null)).map(ProfileView::id);
  }

  public StatsView stats() {
    ProfileIndex.Census census = index.census();
    long touchpoints = census.keyedTouchpoints() + census.unattributed() + census.ambiguous();
    try (StoreReader reader = store.reader()) {
      return new StatsView(
          touchpoints,
          census.profiles(),
          touchpoints == 0 ? 0 : (double) census.identifiedTouchpoints() / touchpoints,
          census.unattributed(),
          census.ambiguous(),
          census.conflicts(),
          census.sharedKeys(),
          reader.counter("placeholdersDropped"),
          reader.counter("nonTouchpointSpans"),
          reader.counter("erasedDropped"),
          index.work());
    } catch (SQLException e) {
      throw new StoreException(e);
    }
  }

  /**
   * The profile holding the key with this hash, if a stored touchpoint carries that key.
   *
   * @throws SharedKeyException when the key is shared by several profiles
   */
  private Optional<ProfileView> build(String keyHash, Page page) {
    long fingerprint = KeyHashes.fingerprint(keyHash);
    if (index.isShared(fingerprint)) {
      throw shared(keyHash, fingerprint);
    }
    long[] sequences = index.touchpointsOf(fingerprint);
    if (sequences.length == 0) {
      return Optional.empty();
    }
    List<ProfileIndex.Conflict> conflicts = index.conflictsOf(fingerprint);
    List<Touchpoint> touchpoints;
    Map<Long, Touchpoint> conflicted = new HashMap<>();
    try (StoreReader reader = store.reader()) {
      touchpoints = reader.touchpointsBySequence(sequences);
      reader
          .storedBySequence(
              conflicts.stream().mapToLong(ProfileIndex.Conflict::sequence).distinct().toArray())
          .forEach(stored -> conflicted.put(stored.sequence(), stored.touchpoint()));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    // Its keys: those the rules put in this profile, and the shared ones listed on it. A key
    // refused on one of its touchpoints belongs elsewhere (or nowhere) and is not listed.
    List<SeenKey> keys =
        seenKeys(touchpoints).stream()
            .filter(k -> index.belongsWith(fingerprintOf(k.key()), fingerprint))
            .map(k -> k.withShared(index.isShared(fingerprintOf(k.key()))))
            .toList();
    // The index knows keys by a 64-bit fingerprint: make sure the key asked for is really here.
    if (keys.stream().noneMatch(k -> KeyHashes.keyHash(k.key()).equals(keyHash))) {
      return Optional.empty();
    }
    Set<String> channels = new LinkedHashSet<>();
    touchpoints.forEach(t -> channels.add(t.channel()));
    // Keys and channels come from every touchpoint; the timeline is one page of them.
    List<Touchpoint> pageOf =
        touchpoints.stream()
            .filter(t -> page.after() == null || position(t).compareTo(page.after()) > 0)
            .limit(page.limit() + 1L)
            .toList();
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
            more ? position(shown.get(shown.size() - 1)).cursor() : null,
            conflictViews(conflicts, conflicted)));
  }

  private SharedKeyException shared(String keyHash, long fingerprint) {
    List<Touchpoint> ambiguous;
    List<Touchpoint> onProfiles;
    try (StoreReader reader = store.reader()) {
      ambiguous = reader.touchpointsBySequence(index.ambiguousTouchpointsOf(fingerprint));
      onProfiles = reader.touchpointsBySequence(index.profilesSharing(fingerprint));
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    Set<String> profiles = new TreeSet<>();
    for (Touchpoint touchpoint : onProfiles) {
      Optional<CustomerKey> member = profileKeyOf(touchpoint);
      if (member.isPresent()) {
        idOfProfileHolding(member.get()).ifPresent(profiles::add);
      }
    }
    return new SharedKeyException(
        "key " + keyHash,
        List.copyOf(profiles),
        ambiguous.stream().map(ProfileQuery::touchpointView).toList());
  }

  /**
   * The key that places a touchpoint in its profile: its highest-priority key that is not shared
   * (ties by fingerprint), as the identity rules place it; empty when all its keys are shared.
   */
  public Optional<CustomerKey> profileKeyOf(Touchpoint touchpoint) {
    List<CustomerKey> keys = new ArrayList<>();
    touchpoint
        .keys()
        .forEach((type, values) -> values.forEach(value -> keys.add(new CustomerKey(type, value))));
    int placing = index.placingKey(keys.stream().mapToLong(ProfileQuery::fingerprintOf).toArray());
    return placing < 0 ? Optional.empty() : Optional.of(keys.get(placing));
  }

  private static long fingerprintOf(CustomerKey key) {
    return KeyHashes.fingerprint(key);
  }

  private static List<ProfileView.ConflictView> conflictViews(
      List<ProfileIndex.Conflict> conflicts, Map<Long, Touchpoint> touchpoints) {
    List<ProfileView.ConflictView> views = new ArrayList<>();
    for (ProfileIndex.Conflict conflict : conflicts) {
      Touchpoint touchpoint = touchpoints.get(conflict.sequence());
      if (touchpoint == null) {
        continue; // deleted since (retention)
      }
      touchpoint.keys().entrySet().stream()
          .flatMap(e -> e.getValue().stream().map(v -> new CustomerKey(e.getKey(), v)))
          .filter(k -> fingerprintOf(k) == conflict.refusedKey())
          .findFirst()
          .ifPresent(
              refused ->
                  views.add(
                      new ProfileView.ConflictView(
                          time(touchpoint.eventTimeNanos()),
                          touchpoint.traceId(),
                          touchpoint.spanId(),
                          refused.type() + ":" + refused.value(),
                          conflict.rule())));
    }
    views.sort(
        Comparator.comparing(ProfileView.ConflictView::time)
            .thenComparing(ProfileView.ConflictView::spanId));
    return views;
  }

  private static Page.Position position(Touchpoint touchpoint) {
    return new Page.Position(
        touchpoint.eventTimeNanos(), touchpoint.traceId(), touchpoint.spanId());
  }

  /** One key of a profile: when it was first and last seen (epoch nanos) and on which channels. */
  private record SeenKey(
      CustomerKey key, long firstSeen, long lastSeen, Set<String> channels, boolean shared) {
    ProfileView.KeyView view() {
      return new ProfileView.KeyView(
          key.type(), key.value(), time(firstSeen), time(lastSeen), shared, List.copyOf(channels));
    }

    SeenKey withShared(boolean isShared) {
      return new SeenKey(key, firstSeen, lastSeen, channels, isShared);
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
    List<SeenKey> own = keys.stream().filter(k -> !k.shared()).toList();
    return own.stream()
        .filter(k -> k.key().type().equals(CustomerKey.IDENTIFYING_TYPE))
        .min(Comparator.comparing(k -> k.key().value()))
        .or(
            () ->
                own.stream()
                    .min(
                        Comparator.comparingLong(SeenKey::firstSeen)
                            .thenComparing(byPriorityThenValue)))
        .orElseThrow()
        .key();
  }

  /** The keys of the touchpoints, in type priority order then by value. */
  private List<SeenKey> seenKeys(List<Touchpoint> touchpoints) {
    Map<CustomerKey, SeenKey> seen = new LinkedHashMap<>();
    for (Touchpoint touchpoint : touchpoints) {
      long time = touchpoint.eventTimeNanos();
      touchpoint
          .keys()
          .forEach(
              (type, values) ->
                  values.forEach(
                      value ->
                          seen.merge(
                              new CustomerKey(type, value),
                              new SeenKey(
                                  new CustomerKey(type, value),
                                  time,
                                  time,
                                  Set.of(touchpoint.channel()),
                                  false),
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
        a.key(),
        Math.min(a.firstSeen(), b.firstSeen()),
        Math.max(a.lastSeen(), b.lastSeen()),
        channels,
        false);
  }

  public static ProfileView.TouchpointView touchpointView(Touchpoint touchpoint) {
    Map<String, Object> keys = new LinkedHashMap<>();
    touchpoint
        .keys()
        .forEach((type, values) -> keys.put(type, values.size() == 1 ? values.get(0) : values));
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

  /**
   * ISO-8601 UTC with a fixed nine-digit fraction: lossless, and such strings sort in time order.
   */
  public static String time(long epochNanos) {
    return TIME.format(Instant.ofEpochSecond(0, epochNanos));
  }
}

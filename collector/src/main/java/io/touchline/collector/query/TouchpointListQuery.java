package io.touchline.collector.query;

import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.ProfileLookup;
import io.touchline.collector.store.StoreException;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every stored touchpoint in store order, each with the profile it belongs to now: the raw material
 * for exports and for checking stitching against a known truth.
 */
public final class TouchpointListQuery {

  private final TouchpointStore store;
  private final ProfileLookup index;
  private final ProfileQuery profiles;

  public TouchpointListQuery(TouchpointStore store, ProfileLookup index, ProfileQuery profiles) {
    this.store = store;
    this.index = index;
    this.profiles = profiles;
  }

  /**
   * One page; {@code channel} and {@code touchpoint} (null for any) keep only the touchpoints with
   * that channel or name.
   */
  public TouchpointListView list(StoreOrderPage page, String channel, String touchpoint) {
    List<StoreReader.Stored> stored;
    try (StoreReader reader = store.reader()) {
      stored = reader.touchpointsAfter(page.afterSequence(), page.limit() + 1, channel, touchpoint);
    } catch (SQLException e) {
      throw new StoreException(e);
    }
    boolean more = stored.size() > page.limit();
    List<StoreReader.Stored> shown = more ? stored.subList(0, page.limit()) : stored;
    // A page holds many touchpoints of few profiles: work each profile's id out once, keyed by
    // the first touchpoint of the profile (a touchpoint belongs to one profile only).
    Map<Long, Optional<String>> idByProfile = new HashMap<>();
    List<TouchpointListView.Item> items = new ArrayList<>(shown.size());
    for (StoreReader.Stored s : shown) {
      items.add(item(s.touchpoint(), profileId(s.touchpoint(), idByProfile)));
    }
    return new TouchpointListView(
        items, more ? StoreOrderPage.cursorAfter(shown.get(shown.size() - 1).sequence()) : null);
  }

  private String profileId(Touchpoint touchpoint, Map<Long, Optional<String>> idByProfile) {
    Optional<CustomerKey> placing = profiles.profileKeyOf(touchpoint);
    if (placing.isEmpty()) {
      return null; // unattributed, or ambiguous
    }
    CustomerKey key = placing.get();
    long[] members = index.touchpointsOf(KeyHashes.fingerprint(key));
    if (members.length == 0) {
      return null; // gone since the page was read (retention)
    }
    Optional<String> id = idByProfile.get(members[0]);
    if (id == null) {
      id = profiles.idOfProfileHolding(key);
      idByProfile.put(members[0], id);
    }
    return id.orElse(null);
  }

  private static TouchpointListView.Item item(Touchpoint touchpoint, String profileId) {
    boolean ambiguous = profileId == null && !touchpoint.keys().isEmpty();
    ProfileView.TouchpointView view = ProfileQuery.touchpointView(touchpoint);
    return new TouchpointListView.Item(
        view.time(),
        view.touchpoint(),
        view.channel(),
        view.service(),
        view.outcome(),
        view.keys(),
        view.attributes(),
        view.traceId(),
        view.spanId(),
        profileId,
        ambiguous);
  }
}

package io.touchline.collector.testing;

import io.touchline.collector.commit.CommitPublisher;
import io.touchline.collector.commit.ProfileIndexFeed;
import io.touchline.collector.commit.Retention;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.model.KeyHashes;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.stitch.ProfileIndex;
import io.touchline.collector.store.StoreReader;
import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * A store with the profile index listening to its commits, wired as the collector wires them
 * (without the views): for tests of the store that look touchpoints up by key.
 */
public final class IndexedStore {

  private final TouchpointStore store;
  private final ProfileIndex index;
  private final CommitPublisher listeners = new CommitPublisher();

  private IndexedStore(TouchpointStore store) {
    this.store = store;
    this.index = new ProfileIndex(KeyTypes.defaults(), ProfileIndexFeed.source(store));
  }

  /** Listens to {@code store} and reads what it holds. */
  public static IndexedStore over(TouchpointStore store) throws Exception {
    IndexedStore indexed = new IndexedStore(store);
    ProfileIndexFeed feed = new ProfileIndexFeed(indexed.index, store, Thread::new);
    indexed.listeners.register("profile index", feed, feed::rebuild);
    store.publishTo(indexed.listeners);
    feed.rebuild();
    return indexed;
  }

  public ProfileIndex index() {
    return index;
  }

  public CommitPublisher listeners() {
    return listeners;
  }

  /**
   * The touchpoints of the profile holding {@code key}, in canonical order; empty when none does.
   */
  public List<Touchpoint> profileTouchpoints(CustomerKey key) throws SQLException {
    long[] sequences = index.lookup().touchpointsOf(KeyHashes.fingerprint(key));
    try (StoreReader reader = store.reader()) {
      return sequences.length == 0 ? List.of() : reader.touchpointsBySequence(sequences);
    }
  }

  /** Retention as the collector applies it. */
  public long deleteOlderThan(Instant cutoff) throws SQLException {
    return Retention.deleteOlderThan(store, listeners, cutoff);
  }
}

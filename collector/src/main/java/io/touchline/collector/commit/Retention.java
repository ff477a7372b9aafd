package io.touchline.collector.commit;

import io.touchline.collector.store.TouchpointStore;
import java.sql.SQLException;
import java.time.Instant;

/** Deletes the touchpoints retention no longer keeps, and what the listeners derived from them. */
public final class Retention {

  private Retention() {}

  /**
   * Deletes the touchpoints whose event time is before {@code cutoff} and, when any went, rebuilds
   * every listener from what is left — all while no batch is written, so that no commit falls
   * between the delete and the rebuild.
   *
   * @return how many touchpoints were deleted
   */
  public static long deleteOlderThan(
      TouchpointStore store, CommitPublisher listeners, Instant cutoff) throws SQLException {
    return store.whileWritesWait(
        () -> {
          long deleted = store.deleteOlderThan(cutoff);
          if (deleted > 0) {
            listeners.rebuildAll();
          }
          return deleted;
        });
  }
}

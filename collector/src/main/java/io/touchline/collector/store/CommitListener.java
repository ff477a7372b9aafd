package io.touchline.collector.store;

import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;

/**
 * Told of what the store has made durable, in commit order, on the writer's thread and while the
 * next commit waits: what derives from the stored touchpoints (the profile index, the views'
 * columns, the live feed, the rules) keeps up through this. Must return quickly; what it throws is
 * the listener's own failure, never the commit's.
 */
public interface CommitListener {

  /** A commit's new touchpoints. */
  void committed(CommittedBatch batch);

  /** Touchpoints an erasure deleted. */
  void erased(ErasedTouchpoints erased);

  /**
   * The store reopened its database after DuckDB gave it up: whatever derives from the stored
   * touchpoints is to be read back from it, since it may hold less than was told.
   */
  default void reopened() {}

  /** Told nothing. */
  CommitListener NONE =
      new CommitListener() {
        @Override
        public void committed(CommittedBatch batch) {}

        @Override
        public void erased(ErasedTouchpoints erased) {}
      };
}

package io.touchline.collector.commit;

import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.model.CommittedBatch;
import io.touchline.collector.model.ErasedTouchpoints;
import io.touchline.collector.store.CommitListener;

/**
 * Hands each commit's touchpoints to the live feed; an erasure leaves it be (it keeps no history).
 */
public final class LiveFeedListener implements CommitListener {

  private final LiveFeed feed;

  private LiveFeedListener(LiveFeed feed) {
    this.feed = feed;
  }

  public static LiveFeedListener of(LiveFeed feed) {
    return new LiveFeedListener(feed);
  }

  @Override
  public void committed(CommittedBatch batch) {
    feed.accept(batch.touchpoints());
  }

  @Override
  public void erased(ErasedTouchpoints erased) {}
}

package io.touchline.collector.model;

import java.util.List;

/**
 * The touchpoints of one store commit, as they are now stored: {@code touchpoints.get(i)} was
 * stored under {@code keys.get(i).sequence()}, with those key fingerprints. Sequence numbers rise
 * within a batch and from one batch to the next. What the store hands its listeners.
 */
public record CommittedBatch(List<Touchpoint> touchpoints, List<TouchpointKeys> keys) {

  public CommittedBatch {
    if (touchpoints.size() != keys.size()) {
      throw new IllegalArgumentException(
          touchpoints.size() + " touchpoints but " + keys.size() + " keys");
    }
  }

  public int size() {
    return touchpoints.size();
  }

  public boolean isEmpty() {
    return touchpoints.isEmpty();
  }
}

package io.touchline.collector.stitch;

import io.touchline.collector.model.CustomerKey;
import java.util.Collection;
import java.util.Set;

/**
 * The links between keys: two keys are linked when one touchpoint carries both. Implemented by
 * the store; the stitching logic only walks it.
 */
public interface KeyGraph {

  /** The touchpoints (as {@code traceId/spanId}) that carry any of the keys. */
  Set<String> touchpointsWithAnyKey(Collection<CustomerKey> keys);

  /** Every key the touchpoints carry. */
  Set<CustomerKey> keysOf(Collection<String> touchpoints);
}

package io.touchline.collector.stitch;

import io.touchline.collector.model.CustomerKey;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A profile, for now, is a connected component of keys linked by touchpoints that carry them
 * together. The merge limits of the identity rules come later; this walk is their starting point.
 */
public final class ConnectedKeys {

  private ConnectedKeys() {}

  /** Every key reachable from {@code start}, and the touchpoints that carry them. */
  public static Component of(CustomerKey start, KeyGraph graph) {
    Set<CustomerKey> keys = new LinkedHashSet<>(List.of(start));
    Set<String> touchpoints = new HashSet<>();
    Set<CustomerKey> frontier = Set.of(start);
    while (!frontier.isEmpty()) {
      Set<String> reached = graph.touchpointsWithAnyKey(frontier);
      reached.removeAll(touchpoints);
      touchpoints.addAll(reached);
      Set<CustomerKey> next = new LinkedHashSet<>(graph.keysOf(reached));
      next.removeAll(keys);
      keys.addAll(next);
      frontier = next;
    }
    return new Component(keys, touchpoints);
  }

  /** The keys of one profile and the ids of its touchpoints. */
  public record Component(Set<CustomerKey> keys, Set<String> touchpoints) {}
}

package io.touchline.collector.stitch;

import io.touchline.collector.model.CustomerKey;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Counts profiles over the whole key graph with a union-find: feed every (touchpoint, key) link,
 * then read how many profiles there are and how many keyed touchpoints belong to a profile that
 * holds a {@code customer_id}.
 */
public final class ProfileCensus {

  private final Map<Object, Object> parent = new HashMap<>();
  private final Map<String, CustomerKey> firstKeyOfTouchpoint = new HashMap<>();
  private final String identifyingType;

  public ProfileCensus(String identifyingType) {
    this.identifyingType = identifyingType;
  }

  public void link(String touchpoint, CustomerKey key) {
    CustomerKey first = firstKeyOfTouchpoint.putIfAbsent(touchpoint, key);
    parent.putIfAbsent(key, key);
    if (first != null) {
      union(first, key);
    }
  }

  public long profiles() {
    Set<Object> roots = new HashSet<>();
    for (Object key : parent.keySet()) {
      roots.add(find(key));
    }
    return roots.size();
  }

  /** Keyed touchpoints whose profile holds a key of the identifying type. */
  public long identifiedTouchpoints() {
    Set<Object> identifiedRoots = new HashSet<>();
    for (Object key : parent.keySet()) {
      if (((CustomerKey) key).type().equals(identifyingType)) {
        identifiedRoots.add(find(key));
      }
    }
    return firstKeyOfTouchpoint.values().stream().filter(k -> identifiedRoots.contains(find(k))).count();
  }

  private Object find(Object key) {
    Object root = key;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    // Path compression keeps later look-ups short.
    Object node = key;
    while (!node.equals(root)) {
      Object next = parent.get(node);
      parent.put(node, root);
      node = next;
    }
    return root;
  }

  private void union(Object a, Object b) {
    Object rootA = find(a);
    Object rootB = find(b);
    if (!rootA.equals(rootB)) {
      parent.put(rootA, rootB);
    }
  }
}

package io.touchline.collector.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The index against a plain breadth-first walk of the same links, on seeded random data. */
class ProfileIndexTest {

  @Test
  void linksKeysSeenTogetherAndMergesProfilesWhenAKeyJoinsThem() {
    ProfileIndex index = new ProfileIndex();
    index.add(1, new long[] {10}, false); // session A
    index.add(2, new long[] {20}, true); // customer C-1
    assertThat(index.census()).isEqualTo(new ProfileIndex.Census(2, 2, 1, 0));
    index.add(3, new long[] {10, 20}, false); // a login links them
    assertThat(index.touchpointsOf(10)).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(index.touchpointsOf(20)).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(index.census()).isEqualTo(new ProfileIndex.Census(1, 3, 3, 0));
    index.add(4, new long[0], false);
    assertThat(index.census().unattributed()).isEqualTo(1);
    assertThat(index.touchpointsOf(99)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void agreesWithAWalkOfTheLinks(long seed) {
    Random random = new Random(seed);
    ProfileIndex index = new ProfileIndex();
    Map<Long, long[]> keysOf = new HashMap<>();
    Set<Long> identifyingKeys = new HashSet<>();
    for (long key = 0; key < 40; key++) {
      if (random.nextInt(5) == 0) {
        identifyingKeys.add(key);
      }
    }
    for (long sequence = 1; sequence <= 200; sequence++) {
      int count = random.nextInt(4); // 0 to 3 keys, some touchpoints unattributed
      TreeSet<Long> keys = new TreeSet<>();
      while (keys.size() < count) {
        keys.add((long) random.nextInt(40));
      }
      long[] array = keys.stream().mapToLong(Long::longValue).toArray();
      keysOf.put(sequence, array);
      index.add(sequence, array, keys.stream().anyMatch(identifyingKeys::contains));
    }

    long profiles = 0;
    long identified = 0;
    long keyed = 0;
    Set<Long> visitedKeys = new HashSet<>();
    for (long start = 0; start < 40; start++) {
      Set<Long> touchpoints = component(start, keysOf);
      if (touchpoints.isEmpty() || !visitedKeys.add(start)) {
        continue;
      }
      Set<Long> keysOfComponent = new HashSet<>();
      touchpoints.forEach(t -> { for (long k : keysOf.get(t)) keysOfComponent.add(k); });
      visitedKeys.addAll(keysOfComponent);
      profiles++;
      keyed += touchpoints.size();
      if (keysOfComponent.stream().anyMatch(identifyingKeys::contains)) {
        identified += touchpoints.size();
      }
      for (long key : keysOfComponent) {
        assertThat(index.touchpointsOf(key)).as("key %d", key)
            .containsExactlyInAnyOrder(touchpoints.stream().mapToLong(Long::longValue).toArray());
      }
    }
    long unattributed = keysOf.values().stream().filter(k -> k.length == 0).count();
    assertThat(index.census()).isEqualTo(new ProfileIndex.Census(profiles, keyed, identified, unattributed));
  }

  /** The touchpoints reachable from a key through touchpoints that carry keys together. */
  private static Set<Long> component(long start, Map<Long, long[]> keysOf) {
    Set<Long> keys = new HashSet<>(List.of(start));
    Set<Long> touchpoints = new HashSet<>();
    List<Long> frontier = new ArrayList<>(List.of(start));
    while (!frontier.isEmpty()) {
      List<Long> next = new ArrayList<>();
      for (Map.Entry<Long, long[]> entry : keysOf.entrySet()) {
        for (long key : entry.getValue()) {
          if (frontier.contains(key) && touchpoints.add(entry.getKey())) {
            for (long other : entry.getValue()) {
              if (keys.add(other)) {
                next.add(other);
              }
            }
          }
        }
      }
      frontier = next;
    }
    return touchpoints;
  }
}

package io.touchline.collector.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.model.TouchpointKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileIndexTest {

  private static final List<String> TYPES =
      List.of("customer_id", "email", "phone", "device", "session");

  /**
   * What the tests' "store" holds: the index reads touchpoints back from it when it re-decides a
   * group.
   */
  private final java.util.Map<Long, TouchpointKeys> stored = new java.util.HashMap<>();

  private ProfileIndex newIndex() {
    return new ProfileIndex(
        KeyTypes.defaults(), sequences -> Arrays.stream(sequences).mapToObj(stored::get).toList());
  }

  /**
   * Keys are numbered: the type is the number modulo 5 (0: customer_id, 1: email, …, 4: session).
   */
  private TouchpointKeys entry(long sequence, long time, long... keys) {
    List<String> types = Arrays.stream(keys).mapToObj(k -> TYPES.get((int) (k % 5))).toList();
    TouchpointKeys entry =
        new TouchpointKeys(sequence, time, sequence * 0x9E3779B97F4A7C15L, keys, types);
    stored.put(sequence, entry);
    return entry;
  }

  @Test
  void twoCustomerNumbersOnOneTouchpointAreAConflictRecordedOnItsProfile() {
    ProfileIndex index = newIndex();
    index.add(entry(1, 10, 10, 11)); // customer 10, e-mail 11
    index.add(entry(2, 20, 20, 10)); // customers 20 and 10 on one touchpoint
    index.commit();
    // Two keys of one type: the tie goes by fingerprint, so the touchpoint joins customer 10's
    // profile, and 20 — all of whose links were refused — belongs to no profile.
    assertThat(index.lookup().touchpointsOf(10)).containsExactlyInAnyOrder(1, 2);
    assertThat(index.lookup().conflictsOf(10))
        .extracting(ProfileIndex.Conflict::rule)
        .containsExactly("unique customer_id");
    assertThat(index.lookup().conflictsOf(10))
        .extracting(ProfileIndex.Conflict::refusedKey)
        .containsExactly(20L);
    assertThat(index.lookup().touchpointsOf(20)).isEmpty();
  }

  @Test
  void aTouchpointArrivingBeforeItsGroupsLatestHasTheGroupDecidedAnewAndIsCounted() {
    ProfileIndex index = newIndex();
    index.add(entry(1, 10, 14)); // session 14
    index.add(entry(2, 20, 14)); // session 14 again, later: joins at once
    index.commit();
    assertThat(index.lookup().work()).isEqualTo(new ProfileIndex.Work(2, 0, 0, 0));
    index.add(entry(3, 15, 14, 10)); // a login between them, arriving late
    index.add(entry(4, 40)); // no key: not an arrival with keys
    index.commit();
    // The late login's group (two stored touchpoints) was decided anew for it.
    assertThat(index.lookup().work()).isEqualTo(new ProfileIndex.Work(3, 1, 1, 2));
    assertThat(index.lookup().touchpointsOf(10)).containsExactlyInAnyOrder(1, 2, 3);
  }

  @Test
  void keysSeenTogetherMakeOneProfileAndUnkeyedTouchpointsAreCounted() {
    ProfileIndex index = newIndex();
    index.add(entry(1, 10, 14)); // session 14
    index.add(entry(2, 20, 10)); // customer 10
    index.commit();
    assertThat(index.lookup().census()).isEqualTo(new ProfileIndex.Census(2, 2, 1, 0, 0, 0, 0));
    index.add(entry(3, 30, 14, 10)); // a login links them
    index.add(entry(4, 40));
    index.commit();
    assertThat(index.lookup().touchpointsOf(14)).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(index.lookup().touchpointsOf(10)).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(index.lookup().census()).isEqualTo(new ProfileIndex.Census(1, 3, 3, 1, 0, 0, 0));
    assertThat(index.lookup().touchpointsOf(99)).isEmpty();
  }

  @Test
  void aSessionOnTwoCustomersLoginsIsSharedWhicheverArrivesFirst() {
    for (boolean lateFirst : new boolean[] {false, true}) {
      ProfileIndex index = newIndex();
      List<TouchpointKeys> entries =
          new ArrayList<>(
              List.of(
                  entry(1, 10, 14), // anonymous view on the kiosk session
                  entry(2, 20, 14, 10, 11), // ann logs in: session, customer 10, e-mail 11
                  entry(3, 30, 14, 20, 21))); // bob logs in on the same session
      if (lateFirst) {
        Collections.reverse(entries);
      }
      for (TouchpointKeys e : entries) {
        index.add(e);
        index.commit();
      }
      assertThat(index.lookup().isShared(14)).isTrue();
      assertThat(index.lookup().touchpointsOf(10)).containsExactly(2);
      assertThat(index.lookup().touchpointsOf(20)).containsExactly(3);
      assertThat(index.lookup().ambiguousTouchpointsOf(14)).containsExactly(1);
      assertThat(index.lookup().census()).isEqualTo(new ProfileIndex.Census(2, 2, 2, 0, 1, 0, 1));
    }
  }

  /**
   * Seeded random stores: fed in many orders and batch sizes, the index ends with the same
   * profiles, shares and figures as when everything is added at once (a rebuild).
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void incrementalAndRebuiltIndexesAgreeWhateverTheArrivalOrder(long seed) {
    Random random = new Random(seed);
    int keyCount = 60;
    List<TouchpointKeys> entries = new ArrayList<>();
    for (int sequence = 1; sequence <= 300; sequence++) {
      int keys = random.nextInt(4); // 0..3 keys; some touchpoints are unattributed
      long[] carried = random.longs(keys, 1, keyCount).distinct().toArray();
      entries.add(entry(sequence, random.nextInt(100), carried));
    }
    ProfileIndex rebuilt = newIndex();
    entries.forEach(rebuilt::add);
    rebuilt.commit();
    String expected = describe(rebuilt, keyCount);

    for (int round = 0; round < 6; round++) {
      List<TouchpointKeys> arrival = new ArrayList<>(entries);
      if (round == 1) {
        Collections.reverse(arrival);
      } else if (round > 1) {
        Collections.shuffle(arrival, random);
      }
      ProfileIndex incremental = newIndex();
      int i = 0;
      while (i < arrival.size()) {
        int batch = 1 + random.nextInt(20);
        for (int j = i; j < Math.min(arrival.size(), i + batch); j++) {
          incremental.add(arrival.get(j));
        }
        incremental.commit();
        i += batch;
      }
      assertThat(describe(incremental, keyCount))
          .as("round %d of seed %d", round, seed)
          .isEqualTo(expected);
    }
  }

  /**
   * Erasure: the touchpoints carrying some keys are deleted and forgotten; the index then equals
   * one rebuilt from what is left — groups that fell apart included — and goes on taking new ones.
   */
  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16})
  void forgettingErasedTouchpointsEqualsARebuildFromWhatIsLeft(long seed) {
    Random random = new Random(seed);
    int keyCount = 40;
    List<TouchpointKeys> entries = new ArrayList<>();
    for (int sequence = 1; sequence <= 240; sequence++) {
      long[] carried = random.longs(random.nextInt(4), 1, keyCount).distinct().toArray();
      entries.add(entry(sequence, random.nextInt(100), carried));
    }
    List<TouchpointKeys> first = entries.subList(0, 200);
    List<TouchpointKeys> later = entries.subList(200, entries.size());
    ProfileIndex index = newIndex();
    first.forEach(index::add);
    index.commit();

    long[] erasedKeys = random.longs(3, 1, keyCount).distinct().toArray();
    long[] carrying = index.lookup().touchpointsCarrying(erasedKeys);
    List<TouchpointKeys> left = new ArrayList<>();
    List<Long> expectedCarrying = new ArrayList<>();
    for (TouchpointKeys entry : first) {
      if (Arrays.stream(entry.keyFingerprints())
          .anyMatch(k -> Arrays.stream(erasedKeys).anyMatch(e -> e == k))) {
        expectedCarrying.add(entry.sequence());
      } else {
        left.add(entry);
      }
    }
    assertThat(carrying)
        .as("touchpoints carrying %s", Arrays.toString(erasedKeys))
        .containsExactly(expectedCarrying.stream().mapToLong(Long::longValue).toArray());
    for (long sequence : carrying) {
      stored.remove(sequence);
    }
    index.forget(carrying, erasedKeys);

    ProfileIndex rebuilt = newIndex();
    left.forEach(rebuilt::add);
    rebuilt.commit();
    assertThat(describe(index, keyCount))
        .as("after the erasure, seed %d", seed)
        .isEqualTo(describe(rebuilt, keyCount));
    for (long key : erasedKeys) {
      assertThat(index.lookup().touchpointsOf(key)).isEmpty();
    }

    later.forEach(index::add);
    index.commit();
    later.forEach(rebuilt::add);
    rebuilt.commit();
    assertThat(describe(index, keyCount))
        .as("new touchpoints after the erasure, seed %d", seed)
        .isEqualTo(describe(rebuilt, keyCount));
  }

  private static String describe(ProfileIndex index, int keyCount) {
    ProfileLookup lookup = index.lookup();
    TreeMap<Long, String> byKey = new TreeMap<>();
    for (long key = 1; key < keyCount; key++) {
      long[] touchpoints = lookup.touchpointsOf(key);
      Arrays.sort(touchpoints);
      long[] ambiguous = lookup.ambiguousTouchpointsOf(key);
      Arrays.sort(ambiguous);
      byKey.put(
          key,
          Arrays.toString(touchpoints)
              + (lookup.isShared(key) ? " shared " + Arrays.toString(ambiguous) : "")
              + " conflicts "
              + lookup.conflictsOf(key).size());
    }
    return lookup.census() + " " + byKey;
  }
}

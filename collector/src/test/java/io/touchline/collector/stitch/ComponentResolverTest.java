package io.touchline.collector.stitch;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.stitch.ComponentResolver.Key;
import io.touchline.collector.stitch.ComponentResolver.Resolution;
import io.touchline.collector.stitch.ComponentResolver.Touchpoint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The identity rules on one group of linked touchpoints: a rule per test, and order independence.
 */
class ComponentResolverTest {

  // Priorities and limits as the canonical key types: one customer_id, up to 3 e-mails.
  private static final int CUSTOMER = 0;
  private static final int EMAIL = 1;
  private static final int PHONE = 2;
  private static final int SESSION = 4;

  /** A little world of named keys and touchpoints, resolved and read back by name. */
  private static final class World {
    final List<Key> keys = new ArrayList<>();
    final List<String> keyNames = new ArrayList<>();
    final List<Touchpoint> touchpoints = new ArrayList<>();
    final List<String> touchpointNames = new ArrayList<>();
    Resolution resolution;

    int key(String name) {
      int index = keyNames.indexOf(name);
      if (index >= 0) {
        return index;
      }
      String type = name.substring(0, name.indexOf(':'));
      int priority =
          switch (type) {
            case "customer_id" -> CUSTOMER;
            case "email" -> EMAIL;
            case "phone" -> PHONE;
            default -> SESSION;
          };
      int limit = priority == CUSTOMER ? 1 : priority == EMAIL ? 3 : 0;
      keys.add(new Key(name.hashCode() * 0x9E3779B97F4A7C15L, priority, limit));
      keyNames.add(name);
      return keys.size() - 1;
    }

    World touch(String name, long time, String... keyNames) {
      int[] carried = new int[keyNames.length];
      for (int i = 0; i < keyNames.length; i++) {
        carried[i] = key(keyNames[i]);
      }
      touchpoints.add(new Touchpoint(time, name.hashCode(), carried));
      touchpointNames.add(name);
      return this;
    }

    World resolve() {
      resolution =
          ComponentResolver.resolve(
              keys.toArray(Key[]::new), touchpoints.toArray(Touchpoint[]::new));
      return this;
    }

    /** Profiles as sets of touchpoint names (ambiguous ones are in none). */
    Set<Set<String>> profiles() {
      Map<Integer, Set<String>> byProfile = new TreeMap<>();
      for (int t = 0; t < touchpoints.size(); t++) {
        int profile = resolution.profileOfTouchpoint()[t];
        if (profile >= 0) {
          byProfile.computeIfAbsent(profile, p -> new TreeSet<>()).add(touchpointNames.get(t));
        }
      }
      return new java.util.HashSet<>(byProfile.values());
    }

    Set<String> ambiguous() {
      Set<String> names = new TreeSet<>();
      for (int t = 0; t < touchpoints.size(); t++) {
        if (resolution.profileOfTouchpoint()[t] == ComponentResolver.AMBIGUOUS) {
          names.add(touchpointNames.get(t));
        }
      }
      return names;
    }

    Set<String> shared() {
      Set<String> names = new TreeSet<>();
      for (int k = 0; k < keys.size(); k++) {
        if (resolution.shared()[k]) {
          names.add(keyNames.get(k));
        }
      }
      return names;
    }

    Set<String> refused() {
      return resolution.conflicts().stream()
          .map(
              c -> touchpointNames.get(c.touchpoint()) + " refused " + keyNames.get(c.refusedKey()))
          .collect(Collectors.toCollection(TreeSet::new));
    }

    boolean sameProfile(String keyA, String keyB) {
      int a = resolution.profileOfKey()[keyNames.indexOf(keyA)];
      return a >= 0 && a == resolution.profileOfKey()[keyNames.indexOf(keyB)];
    }
  }

  @Test
  void keysSeenTogetherAreOneCustomer() {
    World w =
        new World()
            .touch("browse", 1, "session:s1")
            .touch("login", 2, "session:s1", "email:ann@x", "customer_id:C-1")
            .touch("call", 3, "phone:1", "customer_id:C-1")
            .resolve();
    assertThat(w.profiles()).containsExactly(Set.of("browse", "login", "call"));
    assertThat(w.sameProfile("session:s1", "phone:1")).isTrue();
    assertThat(w.refused()).isEmpty();
  }

  @Test
  void twoCustomerNumbersOnOneSpanAreRefusedAndTheSpanGoesToTheHigherPriorityKey() {
    World w =
        new World()
            .touch("a", 1, "customer_id:C-1", "email:ann@x")
            .touch("b", 2, "customer_id:C-2", "email:bob@x")
            .touch("both", 3, "customer_id:C-1", "customer_id:C-2")
            .resolve();
    assertThat(w.profiles()).hasSize(2);
    assertThat(w.sameProfile("customer_id:C-1", "customer_id:C-2")).isFalse();
    assertThat(w.refused()).hasSize(1);
  }

  @Test
  void aKioskSessionSharedByTwoLoginsBecomesSharedAndItsAnonymousTouchpointsAmbiguous() {
    World w =
        new World()
            .touch("view-1", 1, "session:kiosk")
            .touch("login-ann", 2, "session:kiosk", "email:ann@x", "customer_id:C-1")
            .touch("cart-ann", 3, "session:kiosk")
            .touch("login-bob", 4, "session:kiosk", "email:bob@x", "customer_id:C-2")
            .touch("cart-bob", 5, "session:kiosk")
            .resolve();
    assertThat(w.shared()).containsExactly("session:kiosk");
    assertThat(w.ambiguous()).containsExactly("cart-ann", "cart-bob", "view-1");
    assertThat(w.profiles()).containsExactlyInAnyOrder(Set.of("login-ann"), Set.of("login-bob"));
    assertThat(w.sameProfile("email:bob@x", "customer_id:C-2"))
        .as("bob's own keys still join")
        .isTrue();
  }

  @Test
  void aHouseholdPhoneUsedByBothMembersBridgesNoOne() {
    World w =
        new World()
            .touch("ann-call", 1, "phone:1")
            .touch("ann-identified", 2, "phone:1", "customer_id:C-1")
            .touch("bob-call", 3, "phone:1")
            .touch("bob-identified", 4, "phone:1", "customer_id:C-2")
            .touch("ann-web", 5, "customer_id:C-1", "email:ann@x")
            .resolve();
    assertThat(w.shared()).containsExactly("phone:1");
    assertThat(w.profiles())
        .containsExactlyInAnyOrder(Set.of("ann-identified", "ann-web"), Set.of("bob-identified"));
    assertThat(w.ambiguous()).containsExactly("ann-call", "bob-call");
    assertThat(w.refused()).as("a shared key is not refused: it links nothing").isEmpty();
  }

  @Test
  void theCallCentersOwnNumberTypedOnManyCustomersMergesNone() {
    World w = new World();
    for (int i = 1; i <= 20; i++) {
      w.touch("identified-" + i, i, "phone:own", "customer_id:C-" + i);
      w.touch("web-" + i, 100 + i, "customer_id:C-" + i, "email:c" + i + "@x");
    }
    w.resolve();
    assertThat(w.shared()).containsExactly("phone:own");
    assertThat(w.profiles()).hasSize(20);
    for (int i = 2; i <= 20; i++) {
      assertThat(w.sameProfile("customer_id:C-1", "customer_id:C-" + i)).isFalse();
    }
  }

  @Test
  void anEmailChangeWithinTheLimitJoinsAndBeyondItIsRefused() {
    World w =
        new World()
            .touch("change-1", 1, "customer_id:C-1", "email:a@x", "email:b@x")
            .touch("change-2", 2, "customer_id:C-1", "email:b@x", "email:c@x")
            .touch("change-3", 3, "customer_id:C-1", "email:c@x", "email:d@x")
            .resolve();
    assertThat(w.sameProfile("customer_id:C-1", "email:c@x")).isTrue();
    assertThat(w.sameProfile("customer_id:C-1", "email:d@x"))
        .as("a fourth e-mail is over the limit of 3")
        .isFalse();
    assertThat(w.refused()).containsExactly("change-3 refused email:d@x");
  }

  @Test
  void aLateEdgeGivesTheSameAnswerAsIfItHadComeFirst() {
    // Arrival order is irrelevant by construction: the canonical order is event time.
    World late =
        new World()
            .touch("bob", 5, "session:s", "customer_id:C-2")
            .touch("ann", 1, "session:s", "customer_id:C-1")
            .resolve();
    World inOrder =
        new World()
            .touch("ann", 1, "session:s", "customer_id:C-1")
            .touch("bob", 5, "session:s", "customer_id:C-2")
            .resolve();
    assertThat(late.profiles()).isEqualTo(inOrder.profiles());
    assertThat(late.refused()).isEqualTo(inOrder.refused()).isEmpty();
    assertThat(late.shared()).isEqualTo(inOrder.shared()).containsExactly("session:s");
  }

  /**
   * Seeded random groups: every permutation of arrival gives the same profiles, shares and
   * conflicts.
   */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void theResultIsAFunctionOfTheSetOfTouchpointsNotOfTheirOrder(long seed) {
    Random random = new Random(seed);
    List<String[]> spans = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    String[] pool = {
      "customer_id:C-1",
      "customer_id:C-2",
      "customer_id:C-3",
      "email:a@x",
      "email:b@x",
      "email:c@x",
      "email:d@x",
      "email:e@x",
      "phone:1",
      "phone:2",
      "session:s1",
      "session:s2",
      "session:s3",
      "session:s4"
    };
    int count = 5 + random.nextInt(25);
    for (int i = 0; i < count; i++) {
      int keys = 1 + random.nextInt(3);
      String[] carried = new String[keys];
      for (int k = 0; k < keys; k++) {
        carried[k] = pool[random.nextInt(pool.length)];
      }
      spans.add(carried);
      times.add((long) random.nextInt(10)); // many equal times: the id hash must break ties
    }
    String expected = null;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    for (int permutation = 0; permutation < 30; permutation++) {
      if (permutation == 1) {
        Collections.reverse(order);
      } else if (permutation > 1) {
        Collections.shuffle(order, random);
      }
      World w = new World();
      for (int i : order) {
        w.touch("t" + i, times.get(i), spans.get(i));
      }
      w.resolve();
      String answer =
          new TreeSet<>(w.profiles().stream().map(Set::toString).toList())
              + " ambiguous "
              + w.ambiguous()
              + " shared "
              + w.shared()
              + " refused "
              + w.refused();
      if (expected == null) {
        expected = answer;
      }
      assertThat(answer).as("permutation " + permutation + " of seed " + seed).isEqualTo(expected);
    }
  }
}

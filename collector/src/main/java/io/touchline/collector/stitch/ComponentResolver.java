package io.touchline.collector.stitch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The identity rules applied to one group of touchpoints whose keys are linked, directly or not
 * (docs/identity.md). Keys seen together are linked in the touchpoints' canonical order — event
 * time, then a hash of the span's ids — unless the link would give a profile more values of a key
 * type than its limit: that link is refused and recorded. A key whose touchpoints end up in two
 * profiles holding different values of a unique type is <em>shared</em>: it is then left out of
 * every link and the group is resolved again, until no key becomes shared. The conflicts are those
 * of that last linking: a shared key is not refused, it links nothing (and says so by being
 * shared).
 *
 * <p>Everything here is a function of the set of touchpoints, never of the order they arrived in:
 * the same group always gives the same profiles. Keys are local numbers {@code 0..keys-1}.
 */
public final class ComponentResolver {

  /**
   * A touchpoint's place in {@link Resolution#profileOfTouchpoint} when all of its keys are shared.
   */
  public static final int AMBIGUOUS = -2;

  /** The same for a key in no profile: every link it had was refused. */
  public static final int NO_PROFILE = -1;

  /** What the resolver needs of one key. */
  public record Key(long fingerprint, int priority, int limit) {}

  /** What the resolver needs of one touchpoint: when it happened and which keys it carries. */
  public record Touchpoint(long eventNanos, long idHash, int[] keys) {}

  /**
   * A link refused because of a limit.
   *
   * @param touchpoint the touchpoint (index into the input) that carried both keys
   * @param refusedKey the key that was not joined to the touchpoint's profile
   * @param limitedKey a key of the profile it would have joined, of the type whose limit the link
   *     would break
   */
  public record Conflict(int touchpoint, int refusedKey, int limitedKey) {}

  /**
   * The profiles of the group. A profile is named by one of its keys (its root in the resolution).
   *
   * @param profileOfKey each key's profile, or {@link #NO_PROFILE}
   * @param rootOfKey each key's set in the final linking, profile or not (a later link continues
   *     from it)
   * @param shared which keys are shared (listed on several profiles, bridging none)
   * @param profileOfTouchpoint each touchpoint's profile, or {@link #AMBIGUOUS}
   */
  public record Resolution(
      int[] profileOfKey,
      int[] rootOfKey,
      boolean[] shared,
      int[] profileOfTouchpoint,
      List<Conflict> conflicts) {}

  private ComponentResolver() {}

  public static Resolution resolve(Key[] keys, Touchpoint[] touchpoints) {
    Integer[] order = canonicalOrder(touchpoints);
    int[][] usableOrder = new int[touchpoints.length][];
    boolean[] shared = new boolean[keys.length];
    while (true) {
      Pass pass = new Pass(keys);
      for (Integer t : order) {
        usableOrder[t] = usable(touchpoints[t].keys(), keys, shared);
        pass.link(t, usableOrder[t]);
      }
      int[] profileOfTouchpoint = new int[touchpoints.length];
      for (int t = 0; t < touchpoints.length; t++) {
        profileOfTouchpoint[t] =
            usableOrder[t].length == 0 ? AMBIGUOUS : pass.find(usableOrder[t][0]);
      }
      if (!markShared(keys, touchpoints, shared, pass, profileOfTouchpoint)) {
        List<Conflict> conflicts = pass.conflicts;
        int[] rootOfKey = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
          rootOfKey[k] = pass.find(k);
        }
        return new Resolution(
            pass.profileOfKeys(profileOfTouchpoint, shared),
            rootOfKey,
            shared,
            profileOfTouchpoint,
            conflicts);
      }
    }
  }

  /**
   * Event time, then the hash of the span's ids; the same span twice is one touchpoint upstream.
   */
  private static Integer[] canonicalOrder(Touchpoint[] touchpoints) {
    Integer[] order = new Integer[touchpoints.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byTime = Long.compare(touchpoints[a].eventNanos(), touchpoints[b].eventNanos());
          return byTime != 0
              ? byTime
              : Long.compare(touchpoints[a].idHash(), touchpoints[b].idHash());
        });
    return order;
  }

  /** A touchpoint's keys that may link, in {@link LinkOrder}. */
  private static int[] usable(int[] carried, Key[] keys, boolean[] shared) {
    return LinkOrder.usable(
        carried, k -> shared[k], k -> keys[k].priority(), k -> keys[k].fingerprint());
  }

  /**
   * Marks the keys (of types without a limit of one) whose touchpoints lie in two or more profiles
   * that each hold a value of the same unique type. Returns whether any key became shared.
   */
  private static boolean markShared(
      Key[] keys,
      Touchpoint[] touchpoints,
      boolean[] shared,
      Pass pass,
      int[] profileOfTouchpoint) {
    List<List<Integer>> profilesOfKey = new ArrayList<>(keys.length);
    for (int k = 0; k < keys.length; k++) {
      profilesOfKey.add(new ArrayList<>(1));
    }
    for (int t = 0; t < touchpoints.length; t++) {
      int profile = profileOfTouchpoint[t];
      if (profile == AMBIGUOUS) {
        continue;
      }
      for (int k : touchpoints[t].keys()) {
        if (!profilesOfKey.get(k).contains(profile)) {
          profilesOfKey.get(k).add(profile);
        }
      }
    }
    boolean changed = false;
    for (int k = 0; k < keys.length; k++) {
      if (shared[k] || keys[k].limit() == 1) {
        continue;
      }
      List<Integer> profiles = profilesOfKey.get(k);
      if (profiles.size() > 1 && pass.holdDifferentUniqueValues(profiles)) {
        shared[k] = true;
        changed = true;
      }
    }
    return changed;
  }

  /**
   * One pass of linking in canonical order: a union-find over keys that counts values per priority.
   */
  private static final class Pass {
    private final Key[] keys;
    private final int[] parent;

    /** Per root: its keys. */
    private final List<List<Integer>> members = new ArrayList<>();

    /** Per root: how many keys it holds of each priority (key type). */
    private final int[][] counts;

    private final List<Conflict> conflicts = new ArrayList<>();

    Pass(Key[] keys) {
      this.keys = keys;
      this.parent = new int[keys.length];
      int priorities = Arrays.stream(keys).mapToInt(Key::priority).max().orElse(0) + 1;
      this.counts = new int[keys.length][];
      for (int k = 0; k < keys.length; k++) {
        parent[k] = k;
        List<Integer> own = new ArrayList<>(1);
        own.add(k);
        members.add(own);
        counts[k] = new int[priorities];
        counts[k][keys[k].priority()] = 1;
      }
    }

    int find(int key) {
      int root = key;
      while (parent[root] != root) {
        root = parent[root];
      }
      while (parent[key] != root) {
        int next = parent[key];
        parent[key] = root;
        key = next;
      }
      return root;
    }

    /**
     * Links the touchpoint's keys to its highest-priority key, refusing what would break a limit.
     */
    void link(int touchpoint, int[] usable) {
      if (usable.length == 0) {
        return;
      }
      for (int i = 1; i < usable.length; i++) {
        int anchor = find(usable[0]);
        int other = find(usable[i]);
        if (anchor == other) {
          continue;
        }
        int limited = overLimit(anchor, other);
        if (limited >= 0) {
          conflicts.add(new Conflict(touchpoint, usable[i], limited));
        } else {
          // The larger set stays root: short paths. Which key names a profile does not matter.
          int into = members.get(anchor).size() >= members.get(other).size() ? anchor : other;
          int from = into == anchor ? other : anchor;
          parent[from] = into;
          members.get(into).addAll(members.get(from));
          members.set(from, null);
          for (int p = 0; p < counts[into].length; p++) {
            counts[into][p] += counts[from][p];
          }
          counts[from] = null;
        }
      }
    }

    /**
     * A key of {@code a}'s profile of a type whose limit {@code a} and {@code b} together would
     * exceed, or -1 when they may join.
     */
    private int overLimit(int a, int b) {
      for (int k : members.get(a)) {
        int limit = keys[k].limit();
        if (limit > 0 && counts[a][keys[k].priority()] + counts[b][keys[k].priority()] > limit) {
          return k;
        }
      }
      return -1;
    }

    boolean holdDifferentUniqueValues(List<Integer> profiles) {
      for (int i = 0; i < profiles.size(); i++) {
        for (int k : members.get(profiles.get(i))) {
          if (keys[k].limit() != 1) {
            continue;
          }
          for (int j = i + 1; j < profiles.size(); j++) {
            if (counts[profiles.get(j)][keys[k].priority()] > 0) {
              return true;
            }
          }
        }
      }
      return false;
    }

    /**
     * Each key's profile: its root, when a touchpoint went there; shared keys keep theirs for
     * listing.
     */
    int[] profileOfKeys(int[] profileOfTouchpoint, boolean[] shared) {
      boolean[] hasTouchpoint = new boolean[keys.length];
      for (int profile : profileOfTouchpoint) {
        if (profile >= 0) {
          hasTouchpoint[profile] = true;
        }
      }
      int[] profileOfKey = new int[keys.length];
      for (int k = 0; k < keys.length; k++) {
        int root = find(k);
        profileOfKey[k] = shared[k] || !hasTouchpoint[root] ? NO_PROFILE : root;
      }
      return profileOfKey;
    }
  }
}

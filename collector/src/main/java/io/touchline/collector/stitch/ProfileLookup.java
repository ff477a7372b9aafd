package io.touchline.collector.stitch;

import io.touchline.collector.model.TouchpointKeys;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * The profile index as the API reads it: which profile a key is in, its touchpoints, shared keys
 * and conflicts, and the whole-store figures. Obtained from {@link ProfileIndex#lookup()}; it never
 * changes the index.
 *
 * <p>Lookups take the index's read lock: the writer changes the hash tables and arrays they read in
 * place (commit, forget, clear), so a lookup must not run meanwhile. Under the read lock any number
 * of lookups run together, which is why they walk the forests with {@link UnionFind#root}, which
 * writes nothing. {@link #census()} alone takes no lock: it answers the figures the writer
 * published at the end of its last change.
 */
public final class ProfileLookup {

  private static final int NONE = IdentityTables.NONE;

  private final IdentityTables tables;
  private final IdentityCensus census;

  /** Where {@link #touchpointsCarrying} reads touchpoints' keys back from. */
  private final ProfileIndex.TouchpointSource source;

  private final Lock read;

  ProfileLookup(
      IdentityTables tables,
      IdentityCensus census,
      ProfileIndex.TouchpointSource source,
      Lock read) {
    this.tables = tables;
    this.census = census;
    this.source = source;
    this.read = read;
  }

  /**
   * The store sequence numbers of the touchpoints of the profile holding this key; empty if none.
   */
  public long[] touchpointsOf(long keyFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      if (key == NONE || tables.shared.get(key)) {
        return new long[0];
      }
      LongArrayList list = tables.profileTouchpoints.get(tables.profiles.root(key));
      return list == null ? new long[0] : list.toLongArray();
    } finally {
      read.unlock();
    }
  }

  /**
   * Which of a touchpoint's keys names its profile (its first key in {@link LinkOrder}), as an
   * index into {@code keyFingerprints}; -1 when all of them are shared or unknown.
   */
  public int placingKey(long[] keyFingerprints) {
    read.lock();
    try {
      int[] positions = new int[keyFingerprints.length];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i;
      }
      int[] usable =
          LinkOrder.usable(
              positions,
              i ->
                  tables.keyNumber.get(keyFingerprints[i]) == NONE
                      || tables.shared.get(tables.keyNumber.get(keyFingerprints[i])),
              i -> tables.keyPriority.getInt(tables.keyNumber.get(keyFingerprints[i])),
              i -> keyFingerprints[i]);
      return usable.length == 0 ? -1 : usable[0];
    } finally {
      read.unlock();
    }
  }

  /** Whether the key is shared: listed on several profiles, bridging none. */
  public boolean isShared(long keyFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      return key != NONE && tables.shared.get(key);
    } finally {
      read.unlock();
    }
  }

  /**
   * Whether the key belongs to the profile that holds {@code memberFingerprint} (shared keys:
   * listed on it).
   */
  public boolean belongsWith(long keyFingerprint, long memberFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      int member = tables.keyNumber.get(memberFingerprint);
      if (key == NONE || member == NONE) {
        return false;
      }
      int profile = tables.profiles.root(member);
      if (tables.shared.get(key)) {
        IntArrayList on = tables.sharedOn.get(key);
        if (on != null) {
          for (int i = 0; i < on.size(); i++) {
            if (tables.profiles.root(on.getInt(i)) == profile) {
              return true;
            }
          }
        }
        return false;
      }
      return tables.profiles.root(key) == profile && tables.profileTouchpoints.containsKey(profile);
    } finally {
      read.unlock();
    }
  }

  /** For a shared key: one touchpoint of each profile it is listed on, to name them. */
  public long[] profilesSharing(long keyFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      IntArrayList on = key == NONE ? null : tables.sharedOn.get(key);
      if (on == null) {
        return new long[0];
      }
      long[] firsts = new long[on.size()];
      for (int i = 0; i < on.size(); i++) {
        firsts[i] = tables.profileTouchpoints.get(tables.profiles.root(on.getInt(i))).getLong(0);
      }
      return firsts;
    } finally {
      read.unlock();
    }
  }

  /** The ambiguous touchpoints carrying this (shared) key. */
  public long[] ambiguousTouchpointsOf(long keyFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      LongArrayList list = key == NONE ? null : tables.ambiguousOf.get(key);
      return list == null ? new long[0] : list.toLongArray();
    } finally {
      read.unlock();
    }
  }

  /** The refused links recorded on the profile holding this key. */
  public List<ProfileIndex.Conflict> conflictsOf(long keyFingerprint) {
    read.lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      if (key == NONE || tables.shared.get(key)) {
        return List.of();
      }
      List<ProfileIndex.Conflict> conflicts =
          tables.profileConflicts.get(tables.profiles.root(key));
      return conflicts == null ? List.of() : List.copyOf(conflicts);
    } finally {
      read.unlock();
    }
  }

  /**
   * Whole-store figures, consistent with each other: those of the last change, without waiting for
   * the next.
   */
  public ProfileIndex.Census census() {
    return census.current();
  }

  /** How much deciding the index did since the start; takes no lock. */
  public ProfileIndex.Work work() {
    return census.work();
  }

  /**
   * The stored touchpoints carrying any of these keys: those of their profiles, and those of their
   * groups where a limit refused one of them. What an erasure of the keys removes.
   */
  public long[] touchpointsCarrying(long[] keyFingerprints) {
    read.lock();
    try {
      LongOpenHashSet wanted = new LongOpenHashSet(keyFingerprints);
      IntOpenHashSet groups = tables.groupsOf(keyFingerprints);
      LongArrayList candidates = new LongArrayList();
      for (int group : groups) {
        IntArrayList members = tables.groupKeys.get(group);
        candidates.addAll(touchpointsOfGroup(members == null ? IntArrayList.of(group) : members));
      }
      LongArrayList carrying = new LongArrayList();
      for (TouchpointKeys entry : source.entries(candidates.toLongArray())) {
        for (long fingerprint : entry.keyFingerprints()) {
          if (wanted.contains(fingerprint)) {
            carrying.add(entry.sequence());
            break;
          }
        }
      }
      long[] sorted = carrying.toLongArray();
      Arrays.sort(sorted);
      return sorted;
    } finally {
      read.unlock();
    }
  }

  /** A group's touchpoints, for readers: its keys' profiles' and its ambiguous ones. */
  private LongArrayList touchpointsOfGroup(IntArrayList members) {
    LongOpenHashSet touchpoints = new LongOpenHashSet();
    IntOpenHashSet roots = new IntOpenHashSet();
    for (int i = 0; i < members.size(); i++) {
      int key = members.getInt(i);
      LongArrayList onlyShared = tables.ambiguousOf.get(key);
      if (onlyShared != null) {
        touchpoints.addAll(onlyShared);
      }
      int root = tables.profiles.root(key);
      LongArrayList list = roots.add(root) ? tables.profileTouchpoints.get(root) : null;
      if (list != null) {
        touchpoints.addAll(list);
      }
    }
    return new LongArrayList(touchpoints);
  }
}

package io.touchline.collector.stitch;

import io.touchline.collector.model.CustomerKey;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * What the profile index knows, by key number: its keys, the two forests over them, and per root
 * what the group or profile holds. The one writer changes these tables under the index's write
 * lock; readers read them under its read lock, and walk the forests only with {@link
 * UnionFind#root}, which changes nothing. Fields rather than accessors: the writer touches them for
 * every touchpoint it places.
 */
final class IdentityTables {

  static final int NONE = -1;

  final KeyTypes keyTypes;

  /** The priority of {@link CustomerKey#IDENTIFYING_TYPE}, or {@link #NONE}. */
  final int identifyingPriority;

  /**
   * Priorities run {@code 0..priorities-1}; a key of a type the configuration does not know takes
   * the lowest, the last.
   */
  final int priorities;

  /** Per priority: its type's limit of values per profile, or 0 for none. */
  final int[] limitByPriority;

  // Keys, by number.
  final Long2IntOpenHashMap keyNumber = new Long2IntOpenHashMap();
  final LongArrayList keyFingerprint = new LongArrayList();
  final IntArrayList keyPriority = new IntArrayList();

  /** Groups: every link, whatever the limits. */
  final UnionFind groups = new UnionFind();

  /** Profiles within a group, as the rules left it: keys whose links were accepted. */
  final UnionFind profiles = new UnionFind();

  final BitSet shared = new BitSet();

  // Per group root: its keys, and the time of its latest touchpoint. Its touchpoints are those of
  // its keys' profiles and their ambiguous ones; nothing more is kept per touchpoint.
  final KeyTable<IntArrayList> groupKeys = new KeyTable<>();
  final LongArrayList groupLastNanos = new LongArrayList();
  final BitSet groupHasLast = new BitSet();

  // Per profile root: its touchpoints (sequence numbers), its key counts per priority, its
  // conflicts.
  final KeyTable<LongArrayList> profileTouchpoints = new KeyTable<>();
  final KeyTable<int[]> profileCounts = new KeyTable<>();
  final Int2ObjectOpenHashMap<List<ProfileIndex.Conflict>> profileConflicts =
      new Int2ObjectOpenHashMap<>();

  /** Per shared key: the profiles it is listed on, and its ambiguous touchpoints. */
  final Int2ObjectOpenHashMap<IntArrayList> sharedOn = new Int2ObjectOpenHashMap<>();

  final Int2ObjectOpenHashMap<LongArrayList> ambiguousOf = new Int2ObjectOpenHashMap<>();

  IdentityTables(KeyTypes keyTypes) {
    this.keyTypes = keyTypes;
    this.identifyingPriority =
        keyTypes.named(CustomerKey.IDENTIFYING_TYPE).map(KeyType::priority).orElse(NONE);
    this.priorities = keyTypes.names().stream().mapToInt(keyTypes::priorityOf).max().orElse(0) + 1;
    this.limitByPriority = new int[priorities];
    keyTypes
        .names()
        .forEach(
            name -> {
              KeyType type = keyTypes.named(name).orElseThrow();
              limitByPriority[type.priority()] = type.maxPerProfile();
            });
    keyNumber.defaultReturnValue(NONE);
  }

  /** The key's number, numbering it (a group and a profile of its own) when it is new. */
  int keyOf(long fingerprint, String type) {
    int key = keyNumber.get(fingerprint);
    if (key == NONE) {
      key = keyFingerprint.size();
      keyNumber.put(fingerprint, key);
      keyFingerprint.add(fingerprint);
      KeyType keyType = keyTypes.named(type).orElse(null);
      keyPriority.add(keyType == null ? priorities - 1 : keyType.priority());
      groups.add();
      profiles.add();
      groupLastNanos.add(0);
    }
    return key;
  }

  /** A group's keys; a key alone is its own group. */
  IntArrayList keysOfGroup(int group) {
    IntArrayList list = groupKeys.get(group);
    if (list == null) {
      list = new IntArrayList(2);
      list.add(group);
      groupKeys.put(group, list);
    }
    return list;
  }

  /** The groups of the known keys among these (for readers too: it shortens no path). */
  IntOpenHashSet groupsOf(long[] keyFingerprints) {
    IntOpenHashSet found = new IntOpenHashSet();
    for (long fingerprint : keyFingerprints) {
      int key = keyNumber.get(fingerprint);
      if (key != NONE) {
        found.add(groups.root(key));
      }
    }
    return found;
  }

  /**
   * Whether the profile holds an identifying key. Only reads ({@link #counts} would write a key's
   * first counts): {@link ProfileIndex#forEachProfile} asks it under the read lock.
   */
  boolean isIdentified(int profile) {
    if (identifyingPriority == NONE) {
      return false;
    }
    int[] counts = profileCounts.get(profile);
    // No counts yet: a key alone, holding one key of its own type.
    return counts == null
        ? keyPriority.getInt(profile) == identifyingPriority
        : counts[identifyingPriority] > 0;
  }

  /** A profile root's keys per priority; a key alone has not had its counts written yet. */
  int[] counts(int root) {
    int[] counts = profileCounts.get(root);
    if (counts == null) {
      counts = new int[priorities];
      counts[keyPriority.getInt(root)] = 1;
      profileCounts.put(root, counts);
    }
    return counts;
  }

  /** Drops what the rules decided about a key, before its group is decided anew. */
  void forgetDecision(int key) {
    profileTouchpoints.remove(key);
    profileCounts.remove(key);
    profileConflicts.remove(key);
    sharedOn.remove(key);
    ambiguousOf.remove(key);
    shared.clear(key);
  }

  /** Drops everything known of a key; its number is not reused (a new sighting gets a new one). */
  void forgetKey(int key) {
    keyNumber.remove(keyFingerprint.getLong(key));
    forgetDecision(key);
    groups.reset(key);
    profiles.reset(key);
    groupHasLast.clear(key);
    groupLastNanos.set(key, 0);
  }

  void clear() {
    keyNumber.clear();
    keyFingerprint.clear();
    keyPriority.clear();
    groups.clear();
    profiles.clear();
    shared.clear();
    groupKeys.clear();
    groupLastNanos.clear();
    groupHasLast.clear();
    profileTouchpoints.clear();
    profileCounts.clear();
    profileConflicts.clear();
    sharedOn.clear();
    ambiguousOf.clear();
  }
}

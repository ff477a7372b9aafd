package io.touchline.collector.stitch;

import io.touchline.collector.model.TouchpointKeys;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which touchpoints make up each profile, kept in memory so that a lookup is one hash probe and
 * whole-store figures cost nothing. The identity rules ({@link ComponentResolver}) decide the
 * profiles of each <em>group</em>: the touchpoints whose keys are linked, directly or through
 * others, whatever the limits. A group's profiles depend only on its own touchpoints, so a new
 * touchpoint re-decides only the groups it joins — and when it comes last in their canonical order
 * and breaks no limit, linking it is the whole answer (the common case, and cheap).
 *
 * <p>Keys are known by fingerprint ({@link io.touchline.collector.model.KeyHashes#fingerprint}). Written by the one store writer
 * after each commit, read by any number of API threads. Rebuilt from the store at start.
 */
public final class ProfileIndex {


  private static final int NONE = IdentityTables.NONE;


  /** A refused link: on the touchpoint {@code sequence}, the key {@code refusedKey} was not joined. */
  public record Conflict(long sequence, long refusedKey, String rule) {}

  /**
   * @param profiles profiles holding at least one touchpoint
   * @param keyedTouchpoints touchpoints in a profile
   * @param identifiedTouchpoints touchpoints whose profile holds an identifying key
   * @param unattributed touchpoints without a usable key
   * @param ambiguous touchpoints whose only keys are shared
   * @param conflicts refused links
   * @param sharedKeys keys listed on several profiles, bridging none
   */
  public record Census(
      long profiles, long keyedTouchpoints, long identifiedTouchpoints, long unattributed, long ambiguous, long conflicts, long sharedKeys) {}

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final IdentityTables tables;

  /** Reads a group's touchpoints back when it must be decided anew: memory holds only their numbers. */
  private final TouchpointSource source;

  private final List<TouchpointKeys> pending = new ArrayList<>();
  /** This commit's touchpoints not yet in a profile, by group: their groups are decided at its end. */
  private final Int2ObjectOpenHashMap<LongArrayList> unplaced = new Int2ObjectOpenHashMap<>();
  /** Counts every change of placement, so readers can tell whether what they derived is current. */
  private volatile long version;
  private final IdentityCensus census = new IdentityCensus();
  private final ProfileLinker linker;
  private final GroupResolver resolver;

  /** Where the index reads stored touchpoints back from: the store, or a test's own list. */
  public interface TouchpointSource {
    /** The entries of these stored touchpoints, in any order. */
    List<TouchpointKeys> entries(long[] sequences);
  }

  public ProfileIndex(KeyTypes keyTypes, TouchpointSource source) {
    this.tables = new IdentityTables(keyTypes);
    this.source = source;
    this.linker = new ProfileLinker(tables, census);
    this.resolver = new GroupResolver(tables, census, source);
  }

  /** Records a stored touchpoint; it counts once {@link #commit()} has run. */
  public void add(TouchpointKeys entry) {
    pending.add(entry);
  }

  /** Applies the identity rules to what {@link #add} recorded since the last commit. */
  public void commit() {
    lock.writeLock().lock();
    try {
      IntOpenHashSet dirty = new IntOpenHashSet();
      Long2ObjectOpenHashMap<TouchpointKeys> fresh = new Long2ObjectOpenHashMap<>(pending.size());
      unplaced.clear();
      for (TouchpointKeys entry : pending) {
        if (place(entry, dirty)) {
          fresh.put(entry.sequence(), entry);
        }
      }
      pending.clear();
      for (int group : dirty) {
        if (tables.groups.isRoot(group)) {
          resolver.resolve(group, unplaced.remove(group), fresh);
        }
      }
      version++;
      census.publish();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Adds one touchpoint to its group. When it is the group's last in canonical order and links
   * within the limits, it is linked at once (what the rules would decide anyway); otherwise the
   * group is marked to be decided again as a whole. Returns whether the touchpoint carries keys
   * (and so is in a group).
   */
  private boolean place(TouchpointKeys entry, IntOpenHashSet dirty) {
    if (entry.keyFingerprints().length == 0) {
      census.unattributedTouchpoint();
      return false;
    }
    long touchpoint = entry.sequence();
    int[] carried = new int[entry.keyFingerprints().length];
    for (int i = 0; i < carried.length; i++) {
      carried[i] = tables.keyOf(entry.keyFingerprints()[i], entry.keyTypes().get(i));
    }
    // Which groups it joins, and whether it comes after everything in them.
    boolean last = true;
    int group = NONE;
    for (int key : carried) {
      int g = tables.groups.find(key);
      if (g == group) {
        continue;
      }
      // Equal times count as late: the order between them is by a hash the index does not keep.
      if (tables.groupHasLast.get(g) && entry.eventNanos() <= tables.groupLastNanos.getLong(g)) {
        last = false;
      }
      if (dirty.contains(g)) {
        last = false;
      }
      group = group == NONE ? g : mergeGroups(group, g, dirty);
    }
    setLast(group, entry.eventNanos());
    if (!last || dirty.contains(group) || !linker.linkAtEnd(touchpoint, carried)) {
      dirty.add(group);
      LongArrayList waiting = unplaced.get(group);
      if (waiting == null) {
        waiting = new LongArrayList(2);
        unplaced.put(group, waiting);
      }
      waiting.add(touchpoint);
    }
    return true;
  }

  private void setLast(int group, long nanos) {
    if (!tables.groupHasLast.get(group) || nanos > tables.groupLastNanos.getLong(group)) {
      tables.groupLastNanos.set(group, nanos);
      tables.groupHasLast.set(group);
    }
  }

  private int mergeGroups(int a, int b, IntOpenHashSet dirty) {
    int into = tables.keysOfGroup(a).size() >= tables.keysOfGroup(b).size() ? a : b;
    int from = into == a ? b : a;
    tables.groups.link(from, into);
    tables.keysOfGroup(into).addAll(tables.keysOfGroup(from));
    tables.groupKeys.remove(from);
    LongArrayList waiting = unplaced.remove(from);
    if (waiting != null) {
      LongArrayList there = unplaced.get(into);
      if (there == null) {
        unplaced.put(into, waiting);
      } else {
        there.addAll(waiting);
      }
    }
    if (tables.groupHasLast.get(from)) {
      setLast(into, tables.groupLastNanos.getLong(from));
      tables.groupHasLast.clear(from);
    }
    if (dirty.remove(from)) {
      dirty.add(into);
    }
    return into;
  }

  // ------------------------------------------------------------------------------------ erasing

  /**
   * Forgets touchpoints deleted from the store: each group they were in is decided anew from the
   * touchpoints it has left — which may now fall apart into several groups — as a rebuild from
   * the store would decide it. Keys no remaining touchpoint carries are forgotten too.
   *
   * @param deleted the deleted touchpoints
   * @param keyFingerprints keys they carried, naming every group they were in
   */
  public void forget(long[] deleted, long[] keyFingerprints) {
    lock.writeLock().lock();
    try {
      // The touchpoints left come back as new ones would: the rules decide their groups afresh.
      pending.addAll(resolver.forgetGroupsOf(deleted, keyFingerprints));
      commit();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The stored touchpoints carrying any of these keys: those of their profiles, and those of
   * their groups where a limit refused one of them. What an erasure of the keys removes.
   */
  public long[] touchpointsCarrying(long[] keyFingerprints) {
    lock.readLock().lock();
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
      lock.readLock().unlock();
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

  // ------------------------------------------------------------------------------------- reading

  /** Receives each profile from {@link #forEachProfile}. */
  public interface ProfileVisitor {
    /**
     * @param sequences the profile's touchpoints, in the order they were placed (not time order);
     *     valid only during the call
     * @param identified whether the profile holds an identifying key
     */
    void visit(LongArrayList sequences, boolean identified);
  }

  /** Changes with every placement of touchpoints: what was derived at another version is stale. */
  public long version() {
    return version;
  }

  /**
   * Visits every profile under the read lock, which holds up the next commit: a visitor copies
   * what it needs and returns.
   */
  public void forEachProfile(ProfileVisitor visitor) {
    lock.readLock().lock();
    try {
      tables.profileTouchpoints.forEach((sequences, root) -> {
        if (!sequences.isEmpty()) {
          visitor.visit(sequences, tables.isIdentified(root));
        }
      });
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The store sequence numbers of the touchpoints of the profile holding this key; empty if none. */
  public long[] touchpointsOf(long keyFingerprint) {
    lock.readLock().lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      if (key == NONE || tables.shared.get(key)) {
        return new long[0];
      }
      LongArrayList list = tables.profileTouchpoints.get(tables.profiles.root(key));
      return list == null ? new long[0] : list.toLongArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Which of a touchpoint's keys names its profile (its first key in {@link LinkOrder}), as an
   * index into {@code keyFingerprints}; -1 when all of them are shared or unknown.
   */
  public int placingKey(long[] keyFingerprints) {
    lock.readLock().lock();
    try {
      int[] positions = new int[keyFingerprints.length];
      for (int i = 0; i < positions.length; i++) {
        positions[i] = i;
      }
      int[] usable = LinkOrder.usable(positions,
          i -> tables.keyNumber.get(keyFingerprints[i]) == NONE || tables.shared.get(tables.keyNumber.get(keyFingerprints[i])),
          i -> tables.keyPriority.getInt(tables.keyNumber.get(keyFingerprints[i])),
          i -> keyFingerprints[i]);
      return usable.length == 0 ? -1 : usable[0];
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether the key is shared: listed on several profiles, bridging none. */
  public boolean isShared(long keyFingerprint) {
    lock.readLock().lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      return key != NONE && tables.shared.get(key);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whether the key belongs to the profile that holds {@code memberFingerprint} (shared keys: listed on it). */
  public boolean belongsWith(long keyFingerprint, long memberFingerprint) {
    lock.readLock().lock();
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
      lock.readLock().unlock();
    }
  }

  /** For a shared key: one touchpoint of each profile it is listed on, to name them. */
  public long[] profilesSharing(long keyFingerprint) {
    lock.readLock().lock();
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
      lock.readLock().unlock();
    }
  }

  /** The ambiguous touchpoints carrying this (shared) key. */
  public long[] ambiguousTouchpointsOf(long keyFingerprint) {
    lock.readLock().lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      LongArrayList list = key == NONE ? null : tables.ambiguousOf.get(key);
      return list == null ? new long[0] : list.toLongArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The refused links recorded on the profile holding this key. */
  public List<Conflict> conflictsOf(long keyFingerprint) {
    lock.readLock().lock();
    try {
      int key = tables.keyNumber.get(keyFingerprint);
      if (key == NONE || tables.shared.get(key)) {
        return List.of();
      }
      List<Conflict> conflicts = tables.profileConflicts.get(tables.profiles.root(key));
      return conflicts == null ? List.of() : List.copyOf(conflicts);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whole-store figures, consistent with each other: those of the last change, without waiting for the next. */
  public Census census() {
    return census.current();
  }

  /** Forgets everything, before a rebuild from the store. */
  public void clear() {
    lock.writeLock().lock();
    try {
      tables.clear();
      pending.clear();
      unplaced.clear();
      census.clear();
      version++;
      census.publish();
    } finally {
      lock.writeLock().unlock();
    }
  }
}

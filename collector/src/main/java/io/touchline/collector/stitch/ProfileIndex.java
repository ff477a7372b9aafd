package io.touchline.collector.stitch;

import io.touchline.collector.model.TouchpointKeys;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
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
 * <p>This class is the writer's side. The one store writer adds touchpoints after each commit of
 * its own, forgets erased ones, and clears the index before a rebuild from the store (at start),
 * each under the write lock. Placing a touchpoint in its group is done here; linking one that comes
 * last is {@link ProfileLinker}'s job, deciding a group anew {@link GroupResolver}'s, both on the
 * shared {@link IdentityTables}; {@link IdentityCensus} counts the figures. Any number of API
 * threads read through {@link #lookup()}.
 *
 * <p>Keys are known by fingerprint ({@link io.touchline.collector.model.KeyHashes#fingerprint}).
 */
public final class ProfileIndex {

  private static final int NONE = IdentityTables.NONE;

  /**
   * A refused link: on the touchpoint {@code sequence}, the key {@code refusedKey} was not joined.
   */
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
      long profiles,
      long keyedTouchpoints,
      long identifiedTouchpoints,
      long unattributed,
      long ambiguous,
      long conflicts,
      long sharedKeys) {}

  /**
   * How much deciding the index did since the start (a start replays the store through the same
   * rules, so it counts that too).
   *
   * @param keyedArrivals touchpoints with keys that arrived
   * @param arrivalsDecidedByGroup those that could not simply join their group (they came before
   *     its latest touchpoint, or linked beyond a limit) and had their group decided anew
   * @param groupDecisions groups decided anew
   * @param touchpointsReread touchpoints read back from the store for those decisions
   */
  public record Work(
      long keyedArrivals,
      long arrivalsDecidedByGroup,
      long groupDecisions,
      long touchpointsReread) {}

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final IdentityTables tables;

  private final List<TouchpointKeys> pending = new ArrayList<>();

  /** The rules' canonical order of touchpoints: by event time, ties by the span's id hash. */
  private static final java.util.Comparator<TouchpointKeys> CANONICAL =
      java.util.Comparator.comparingLong(TouchpointKeys::eventNanos)
          .thenComparingLong(TouchpointKeys::idHash);

  /**
   * This commit's touchpoints not yet in a profile, by group: their groups are decided at its end.
   */
  private final Int2ObjectOpenHashMap<LongArrayList> unplaced = new Int2ObjectOpenHashMap<>();

  /** Counts every change of placement, so readers can tell whether what they derived is current. */
  private volatile long version;

  private final IdentityCensus census = new IdentityCensus();
  private final ProfileLinker linker;
  private final GroupResolver resolver;
  private final ProfileLookup lookup;

  /** Where the index reads stored touchpoints back from: the store, or a test's own list. */
  public interface TouchpointSource {
    /** The entries of these stored touchpoints, in any order. */
    List<TouchpointKeys> entries(long[] sequences);
  }

  public ProfileIndex(KeyTypes keyTypes, TouchpointSource source) {
    this.tables = new IdentityTables(keyTypes);
    this.linker = new ProfileLinker(tables, census);
    this.resolver = new GroupResolver(tables, census, source);
    this.lookup = new ProfileLookup(tables, census, source, lock.readLock());
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
      // In event-time order: concurrent senders interleave their batches, and a touchpoint placed
      // after a later one of its group would have the group decided anew; in order, most simply
      // join. The decisions are the same in any order (the rules are order independent).
      pending.sort(CANONICAL);
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
    census.keyedArrival();
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
   * touchpoints it has left — which may now fall apart into several groups — as a rebuild from the
   * store would decide it. Keys no remaining touchpoint carries are forgotten too.
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
   * Visits every profile under the read lock, which holds up the next commit: a visitor copies what
   * it needs and returns.
   */
  public void forEachProfile(ProfileVisitor visitor) {
    lock.readLock().lock();
    try {
      tables.profileTouchpoints.forEach(
          (sequences, root) -> {
            if (!sequences.isEmpty()) {
              visitor.visit(sequences, tables.isIdentified(root));
            }
          });
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What API threads read: never changes the index, and never waits for the census. */
  public ProfileLookup lookup() {
    return lookup;
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

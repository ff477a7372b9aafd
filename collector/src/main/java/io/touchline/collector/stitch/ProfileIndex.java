package io.touchline.collector.stitch;

import it.unimi.dsi.fastutil.booleans.BooleanArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.ObjectArrayList;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Which touchpoints make up each profile, kept in memory so that a lookup is one hash probe and
 * whole-store figures cost nothing: keys (by fingerprint) map to a profile, profiles are merged
 * with a union-find as touchpoints link their keys, and each profile lists its touchpoints (by
 * store sequence number). A profile, for now, is a connected component of linked keys; the merge
 * limits of the identity rules will refine {@link #add}.
 *
 * <p>Written by the one store writer after each commit, read by any number of API threads. Rebuilt
 * from the store at start. Memory: about 30 bytes per key and 8 per touchpoint.
 */
public final class ProfileIndex {

  /** The key type that identifies a known customer (see {@code identifiedShare}). */
  public static final String IDENTIFYING_TYPE = "customer_id";

  private static final int NONE = -1;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Long2IntOpenHashMap profileOfKey = new Long2IntOpenHashMap();
  /** Union-find over profile numbers: a merged profile points to the one it joined. */
  private final IntArrayList parent = new IntArrayList();
  /** The touchpoints of each live profile; null once merged into another. */
  private final ObjectArrayList<LongArrayList> touchpoints = new ObjectArrayList<>();
  private final BooleanArrayList identified = new BooleanArrayList();
  private long profiles;
  private long keyedTouchpoints;
  private long identifiedTouchpoints;
  private long unattributed;

  public ProfileIndex() {
    profileOfKey.defaultReturnValue(NONE);
  }

  /**
   * Records a stored touchpoint.
   *
   * @param sequence its store sequence number
   * @param keyFingerprints the fingerprints of its keys ({@link ProfileIds#fingerprint}); none: unattributed
   * @param identifying whether one of its keys is of the identifying type ({@code customer_id})
   */
  public void add(long sequence, long[] keyFingerprints, boolean identifying) {
    lock.writeLock().lock();
    try {
      if (keyFingerprints.length == 0) {
        unattributed++;
        return;
      }
      int target = NONE;
      for (long key : keyFingerprints) {
        int found = profileOfKey.get(key);
        if (found != NONE) {
          target = target == NONE ? root(found) : merge(target, root(found));
        }
      }
      if (target == NONE) {
        target = newProfile();
      }
      for (long key : keyFingerprints) {
        profileOfKey.put(key, target);
      }
      LongArrayList list = touchpoints.get(target);
      if (identifying && !identified.getBoolean(target)) {
        identified.set(target, true);
        identifiedTouchpoints += list.size();
      }
      list.add(sequence);
      keyedTouchpoints++;
      if (identified.getBoolean(target)) {
        identifiedTouchpoints++;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** The store sequence numbers of the touchpoints of the profile holding this key; empty if none. */
  public long[] touchpointsOf(long keyFingerprint) {
    lock.readLock().lock();
    try {
      int found = profileOfKey.get(keyFingerprint);
      return found == NONE ? new long[0] : touchpoints.get(rootWithoutCompressing(found)).toLongArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Whole-store figures, consistent with each other. */
  public Census census() {
    lock.readLock().lock();
    try {
      return new Census(profiles, keyedTouchpoints, identifiedTouchpoints, unattributed);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * @param profiles profiles holding at least one touchpoint
   * @param keyedTouchpoints touchpoints in a profile
   * @param identifiedTouchpoints touchpoints whose profile holds an identifying key
   * @param unattributed touchpoints without a usable key
   */
  public record Census(long profiles, long keyedTouchpoints, long identifiedTouchpoints, long unattributed) {}

  /** Forgets everything, before a rebuild from the store. */
  public void clear() {
    lock.writeLock().lock();
    try {
      profileOfKey.clear();
      profileOfKey.trim();
      parent.clear();
      touchpoints.clear();
      identified.clear();
      profiles = 0;
      keyedTouchpoints = 0;
      identifiedTouchpoints = 0;
      unattributed = 0;
    } finally {
      lock.writeLock().unlock();
    }
  }

  private int newProfile() {
    int id = parent.size();
    parent.add(id);
    touchpoints.add(new LongArrayList(2));
    identified.add(false);
    profiles++;
    return id;
  }

  /** The live profile a profile number leads to (path halving keeps chains short; writers only). */
  private int root(int profile) {
    int current = profile;
    while (parent.getInt(current) != current) {
      int grandparent = parent.getInt(parent.getInt(current));
      parent.set(current, grandparent);
      current = grandparent;
    }
    return current;
  }

  /** The same walk for readers, who share the lock and so must not shorten paths as they go. */
  private int rootWithoutCompressing(int profile) {
    int current = profile;
    while (parent.getInt(current) != current) {
      current = parent.getInt(current);
    }
    return current;
  }

  /** Joins two live profiles; the smaller list moves into the larger. Returns the survivor. */
  private int merge(int a, int b) {
    if (a == b) {
      return a;
    }
    int into = touchpoints.get(a).size() >= touchpoints.get(b).size() ? a : b;
    int from = into == a ? b : a;
    LongArrayList kept = touchpoints.get(into);
    LongArrayList moved = touchpoints.get(from);
    boolean intoIdentified = identified.getBoolean(into);
    boolean fromIdentified = identified.getBoolean(from);
    if (fromIdentified && !intoIdentified) {
      identifiedTouchpoints += kept.size();
    } else if (intoIdentified && !fromIdentified) {
      identifiedTouchpoints += moved.size();
    }
    kept.addAll(moved);
    identified.set(into, intoIdentified || fromIdentified);
    touchpoints.set(from, null);
    parent.set(from, into);
    profiles--;
    return into;
  }
}

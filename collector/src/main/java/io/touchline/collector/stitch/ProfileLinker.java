package io.touchline.collector.stitch;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * The profile index's quick path. A touchpoint that comes after everything in its group links as
 * the rules would link it anyway: into the profile of its first key in {@link LinkOrder}, joining
 * the profiles of its other keys. When that would break a limit, or none of its keys may link, it
 * reports so and the group is left to {@link GroupResolver}. Most touchpoints take only this path,
 * and when their keys are in one profile already it costs a few array reads. Called by the writer
 * under the write lock.
 */
final class ProfileLinker {

  private final IdentityTables tables;
  private final IdentityCensus census;
  // What LinkOrder asks of a key, made once rather than for every touchpoint.
  private final IntPredicate isShared;
  private final IntUnaryOperator priority;
  private final IntToLongFunction fingerprint;

  ProfileLinker(IdentityTables tables, IdentityCensus census) {
    this.tables = tables;
    this.census = census;
    this.isShared = tables.shared::get;
    this.priority = tables.keyPriority::getInt;
    this.fingerprint = tables.keyFingerprint::getLong;
  }

  /**
   * The rules' step for a touchpoint that comes last: link within the limits, or report that it
   * cannot.
   */
  boolean linkAtEnd(long touchpoint, int[] carried) {
    int[] usable = usableInOrder(carried);
    if (usable.length == 0) {
      return false; // ambiguous: let the group be decided again, which lists it
    }
    // The profiles its keys are in; usually one, and then no limit can break.
    int[] roots = new int[usable.length];
    int distinct = 0;
    for (int key : usable) {
      int root = tables.profiles.find(key);
      boolean seen = false;
      for (int i = 0; i < distinct && !seen; i++) {
        seen = roots[i] == root;
      }
      if (!seen) {
        roots[distinct++] = root;
      }
    }
    if (distinct > 1) {
      // Check every link first: a refused one means conflicts, perhaps a shared key — decide anew.
      int[] combined = tables.counts(roots[0]).clone();
      for (int i = 1; i < distinct; i++) {
        int[] other = tables.counts(roots[i]);
        for (int p = 0; p < tables.priorities; p++) {
          combined[p] += other[p];
        }
      }
      for (int p = 0; p < tables.priorities; p++) {
        int limit = tables.limitByPriority[p];
        if (limit > 0 && combined[p] > limit) {
          return false;
        }
      }
    }
    int into = roots[0];
    for (int i = 1; i < distinct; i++) {
      into = mergeProfiles(into, roots[i]);
    }
    for (int key : carried) {
      if (tables.shared.get(key)) {
        IntArrayList on = tables.sharedOn.computeIfAbsent(key, x -> new IntArrayList(2));
        if (!on.contains(into)) {
          on.add(into);
        }
      }
    }
    LongArrayList list = tables.profileTouchpoints.get(into);
    if (list == null) {
      list = new LongArrayList(2);
      tables.profileTouchpoints.put(into, list);
      census.profileOpened();
    }
    list.add(touchpoint);
    census.touchpointPlaced(tables.isIdentified(into));
    return true;
  }

  /** The touchpoint's keys that may link, in {@link LinkOrder}. */
  private int[] usableInOrder(int[] carried) {
    return LinkOrder.usable(carried, isShared, priority, fingerprint);
  }

  /** Joins two profiles of one group (within the limits, checked by the caller). */
  private int mergeProfiles(int a, int b) {
    LongArrayList listA = tables.profileTouchpoints.get(a);
    LongArrayList listB = tables.profileTouchpoints.get(b);
    int sizeA = listA == null ? 0 : listA.size();
    int sizeB = listB == null ? 0 : listB.size();
    boolean identifiedA = tables.isIdentified(a);
    boolean identifiedB = tables.isIdentified(b);
    int into = sizeA >= sizeB ? a : b;
    int from = into == a ? b : a;
    int[] joined = tables.counts(into).clone();
    int[] countsFrom = tables.counts(from);
    for (int p = 0; p < tables.priorities; p++) {
      joined[p] += countsFrom[p];
    }
    tables.profileCounts.put(into, joined);
    tables.profileCounts.remove(from);
    tables.profiles.link(from, into);
    LongArrayList moved = tables.profileTouchpoints.remove(from);
    if (moved != null) {
      LongArrayList kept = tables.profileTouchpoints.get(into);
      if (kept == null) {
        tables.profileTouchpoints.put(into, moved);
      } else {
        kept.addAll(moved);
        census.profilesJoined();
      }
    }
    long before = (identifiedA ? sizeA : 0) + (identifiedB ? sizeB : 0);
    long after = identifiedA || identifiedB ? sizeA + sizeB : 0;
    census.identifiedChanged(after - before);
    List<ProfileIndex.Conflict> conflicts = tables.profileConflicts.remove(from);
    if (conflicts != null) {
      tables.profileConflicts.computeIfAbsent(into, r -> new ArrayList<>()).addAll(conflicts);
    }
    return into;
  }
}

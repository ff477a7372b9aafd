package io.touchline.collector.stitch;

/**
 * The profile index's whole-store figures ({@code /api/stats}), counted by the writer as it places
 * touchpoints and decides groups, and published as one immutable {@link ProfileIndex.Census} at the
 * end of each change. Readers take the last one published without a lock: a stats request never
 * waits for a commit (which can take long when it re-decides groups read back from the store), and
 * the figures it gets are consistent with each other, all as of one change.
 */
final class IdentityCensus {

  /** A group's share of the figures, kept to take it back when the group is re-decided. */
  static final class Figures {
    long profiles;
    long keyed;
    long identified;
    long ambiguous;
    long conflicts;
    long sharedKeys;

    void add(Figures other, int sign) {
      profiles += sign * other.profiles;
      keyed += sign * other.keyed;
      identified += sign * other.identified;
      ambiguous += sign * other.ambiguous;
      conflicts += sign * other.conflicts;
      sharedKeys += sign * other.sharedKeys;
    }
  }

  // The writer's running counts: only it reads or writes them.
  private final Figures totals = new Figures();
  private long unattributed;
  private long keyedArrivals;
  private long arrivalsDecidedByGroup;
  private long groupDecisions;
  private long touchpointsReread;
  private volatile ProfileIndex.Work publishedWork = new ProfileIndex.Work(0, 0, 0, 0);

  /** What readers see: the counts as of the last {@link #publish()}. */
  private volatile ProfileIndex.Census published = new ProfileIndex.Census(0, 0, 0, 0, 0, 0, 0);

  /** A touchpoint without a usable key. */
  void unattributedTouchpoint() {
    unattributed++;
  }

  /** A touchpoint with keys arrived. */
  void keyedArrival() {
    keyedArrivals++;
  }

  /**
   * A group was decided anew for {@code arrivals} of this commit's touchpoints, reading {@code
   * reread} of its stored ones back.
   */
  void groupDecided(int arrivals, int reread) {
    groupDecisions++;
    arrivalsDecidedByGroup += arrivals;
    touchpointsReread += reread;
  }

  /** A profile got its first touchpoint. */
  void profileOpened() {
    totals.profiles++;
  }

  /** Two profiles holding touchpoints became one. */
  void profilesJoined() {
    totals.profiles--;
  }

  /** A touchpoint went into a profile, one holding an identifying key or not. */
  void touchpointPlaced(boolean identified) {
    totals.keyed++;
    if (identified) {
      totals.identified++;
    }
  }

  /** Touchpoints whose profile came (or ceased) to hold an identifying key. */
  void identifiedChanged(long by) {
    totals.identified += by;
  }

  /** A group's figures as it is now decided. */
  void add(Figures group) {
    totals.add(group, 1);
  }

  /** A group's figures as it was decided, before it is decided anew or forgotten. */
  void remove(Figures group) {
    totals.add(group, -1);
  }

  /** Makes the counts so far what readers see; the writer calls it at the end of each change. */
  void publish() {
    published =
        new ProfileIndex.Census(
            totals.profiles,
            totals.keyed,
            totals.identified,
            unattributed,
            totals.ambiguous,
            totals.conflicts,
            totals.sharedKeys);
    publishedWork =
        new ProfileIndex.Work(
            keyedArrivals, arrivalsDecidedByGroup, groupDecisions, touchpointsReread);
  }

  /** The deciding done as of the last change; takes no lock. */
  ProfileIndex.Work work() {
    return publishedWork;
  }

  /** The figures as of the last change; takes no lock. */
  ProfileIndex.Census current() {
    return published;
  }

  /** Back to zero; readers see it at the next {@link #publish()}. */
  void clear() {
    totals.add(totals, -1);
    unattributed = 0;
    keyedArrivals = 0;
    arrivalsDecidedByGroup = 0;
    groupDecisions = 0;
    touchpointsReread = 0;
  }
}

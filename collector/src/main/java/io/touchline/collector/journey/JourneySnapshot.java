package io.touchline.collector.journey;

import io.touchline.collector.stitch.ProfileIndex;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.BitSet;

/**
 * Every profile's touchpoints in time order, as the identity rules placed them at one moment: what
 * the profile-level views (flows, funnels, paths…) walk. The touchpoints are copied out of the
 * columns into arrays in profile order — profile {@code p} holds positions {@code start[p] …
 * start[p + 1] - 1}, earliest first — so that a view reads memory in order instead of jumping
 * across ten million sequence numbers (a cache miss per read). About 19 bytes per touchpoint.
 */
public final class JourneySnapshot {

  private static final byte FAILED = 1;
  private static final byte KEYED = 2;

  private final TouchpointColumns columns;
  private final long version;
  private final long published;
  private final long removals;

  /** The columns' round it was taken in, and whether they were all read back then. */
  private final int round;

  private final boolean complete;
  private final int[] start;
  private final int[] sequences;
  private final long[] nanos;
  private final short[] touchpoints;
  private final short[] channels;
  private final short[] services;
  private final byte[] flags;
  private final BitSet identified;
  private final int largestProfile;
  private final long buildNanos;

  private JourneySnapshot(
      TouchpointColumns columns,
      long version,
      long published,
      long removals,
      int round,
      boolean complete,
      int[] start,
      int[] sequences,
      BitSet identified,
      int largestProfile,
      long began) {
    this.columns = columns;
    this.version = version;
    this.published = published;
    this.removals = removals;
    this.round = round;
    this.complete = complete;
    this.start = start;
    this.sequences = sequences;
    this.identified = identified;
    this.largestProfile = largestProfile;
    int n = start[start.length - 1];
    this.nanos = new long[n];
    this.touchpoints = new short[n];
    this.channels = new short[n];
    this.services = new short[n];
    this.flags = new byte[n];
    for (int i = 0; i < n; i++) {
      int sequence = sequences[i];
      nanos[i] = columns.nanos(sequence);
      touchpoints[i] = (short) columns.touchpoint(sequence);
      channels[i] = (short) columns.channel(sequence);
      services[i] = (short) columns.service(sequence);
      flags[i] =
          (byte) ((columns.failed(sequence) ? FAILED : 0) | (columns.keyed(sequence) ? KEYED : 0));
    }
    this.buildNanos = System.nanoTime() - began;
  }

  /**
   * Reads every profile from the index (holding up its next commit only while the sequence numbers
   * are copied), puts each profile's touchpoints in time order and copies their columns.
   */
  static JourneySnapshot of(ProfileIndex index, TouchpointColumns columns) {
    long began = System.nanoTime();
    long version = index.version();
    long published = columns.published();
    long removals = columns.removals();
    int round = columns.round();
    boolean complete = !columns.loading();
    IntArrayList starts = new IntArrayList();
    IntArrayList all = new IntArrayList();
    BitSet identified = new BitSet();
    int[] largest = {0};
    starts.add(0);
    index.forEachProfile(
        (sequences, isIdentified) -> {
          int before = all.size();
          for (int i = 0; i < sequences.size(); i++) {
            long sequence = sequences.getLong(i);
            if (sequence <= published && columns.present(sequence)) {
              all.add((int) sequence);
            }
          }
          if (all.size() > before) {
            if (isIdentified) {
              identified.set(starts.size() - 1);
            }
            starts.add(all.size());
            largest[0] = Math.max(largest[0], all.size() - before);
          }
        });
    int[] start = starts.toIntArray();
    int[] sequences = all.elements();
    for (int p = 0; p + 1 < start.length; p++) {
      sortByTime(columns, sequences, start[p], start[p + 1]);
    }
    return new JourneySnapshot(
        columns,
        version,
        published,
        removals,
        round,
        complete,
        start,
        sequences,
        identified,
        largest[0],
        began);
  }

  /** Most profiles' touchpoints come in time order already: only the others are sorted. */
  private static void sortByTime(TouchpointColumns columns, int[] rows, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (before(columns, rows[i], rows[i - 1])) {
        IntArrays.quickSort(
            rows, from, to, (a, b) -> before(columns, a, b) ? -1 : (a == b ? 0 : 1));
        return;
      }
    }
  }

  private static boolean before(TouchpointColumns columns, int a, int b) {
    long ta = columns.nanos(a);
    long tb = columns.nanos(b);
    return ta < tb || (ta == tb && a < b);
  }

  /**
   * Whether it shows what is stored now: taken after every touchpoint was read back, in the
   * columns' current round, with no placement or commit since.
   */
  boolean isCurrent(ProfileIndex index, TouchpointColumns columns) {
    return complete
        && round == columns.round()
        && version == index.version()
        && published == columns.published();
  }

  /** Whether touchpoints were erased since this snapshot was taken: it must not answer then. */
  boolean predatesRemovals(TouchpointColumns columns) {
    return removals != columns.removals();
  }

  /** How long building this snapshot took. */
  long buildNanos() {
    return buildNanos;
  }

  /** The highest sequence number the snapshot knows of: rows above it came later. */
  public long published() {
    return published;
  }

  /** The columns, for names of codes and for touchpoints in no profile. */
  public TouchpointColumns columns() {
    return columns;
  }

  public int profiles() {
    return start.length - 1;
  }

  /** The most touchpoints one profile holds: the size of a buffer for {@link #rowsOf}. */
  public int largestProfile() {
    return largestProfile;
  }

  public boolean identified(int profile) {
    return identified.get(profile);
  }

  /**
   * The positions of the profile's touchpoints that pass the filter, in time order, into {@code
   * buffer}; how many.
   */
  public int rowsOf(int profile, ViewFilter filter, int[] buffer) {
    int count = 0;
    for (int i = start[profile]; i < start[profile + 1]; i++) {
      if (filter.passes(this, i)) {
        buffer[count++] = i;
      }
    }
    return count;
  }

  // Touchpoints by position.

  public long nanos(int position) {
    return nanos[position];
  }

  public int touchpoint(int position) {
    return touchpoints[position];
  }

  public int channel(int position) {
    return channels[position];
  }

  public int service(int position) {
    return services[position];
  }

  public boolean failed(int position) {
    return (flags[position] & FAILED) != 0;
  }

  /** The store's sequence number of the touchpoint at this position. */
  public int sequence(int position) {
    return sequences[position];
  }

  /** The first touchpoint of a profile, by sequence number: where its id can be read from. */
  public int firstSequence(int profile) {
    return sequences[start[profile]];
  }

  /**
   * The latest value of a segment attribute on the profile's touchpoints, as code + 1; 0 for none.
   */
  public int latestValue(int profile, AttributeColumns.Column attribute) {
    for (int i = start[profile + 1] - 1; i >= start[profile]; i--) {
      int code = attribute.codeAt(sequences[i]);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }
}

package io.touchline.collector.journey;

import io.touchline.collector.stitch.ProfileIndex;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.BitSet;

/**
 * Every profile's touchpoints in time order, as the identity rules placed them at one moment:
 * what the profile-level views (flows, funnels, paths…) walk. Profile {@code p}'s touchpoints
 * are the sequence numbers {@code rows[start[p]] … rows[start[p + 1] - 1]}, earliest first (ties
 * by sequence number). Built from the profile index in one pass; about 4 bytes per touchpoint.
 */
public final class JourneySnapshot {

  private final TouchpointColumns columns;
  private final long version;
  private final long published;
  private final int[] start;
  private final int[] rows;
  private final BitSet identified;
  private final int largestProfile;

  private JourneySnapshot(TouchpointColumns columns, long version, long published, int[] start, int[] rows,
      BitSet identified, int largestProfile) {
    this.columns = columns;
    this.version = version;
    this.published = published;
    this.start = start;
    this.rows = rows;
    this.identified = identified;
    this.largestProfile = largestProfile;
  }

  /**
   * Reads every profile from the index (holding up its next commit only while the sequence
   * numbers are copied) and puts each profile's touchpoints in time order.
   */
  static JourneySnapshot of(ProfileIndex index, TouchpointColumns columns) {
    long version = index.version();
    long published = columns.published();
    IntArrayList starts = new IntArrayList();
    IntArrayList all = new IntArrayList();
    BitSet identified = new BitSet();
    int[] largest = {0};
    starts.add(0);
    index.forEachProfile((sequences, isIdentified) -> {
      if (isIdentified) {
        identified.set(starts.size() - 1);
      }
      for (int i = 0; i < sequences.size(); i++) {
        all.add(Math.toIntExact(sequences.getLong(i)));
      }
      starts.add(all.size());
      largest[0] = Math.max(largest[0], sequences.size());
    });
    int[] start = starts.toIntArray();
    int[] rows = all.elements();
    for (int p = 0; p + 1 < start.length; p++) {
      sortByTime(columns, rows, start[p], start[p + 1]);
    }
    return new JourneySnapshot(columns, version, published, start, rows, identified, largest[0]);
  }

  /** Most profiles' touchpoints come in time order already: only the others are sorted. */
  private static void sortByTime(TouchpointColumns columns, int[] rows, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (before(columns, rows[i], rows[i - 1])) {
        IntArrays.quickSort(rows, from, to, (a, b) -> before(columns, a, b) ? -1 : (a == b ? 0 : 1));
        return;
      }
    }
  }

  private static boolean before(TouchpointColumns columns, int a, int b) {
    long ta = columns.nanos(a);
    long tb = columns.nanos(b);
    return ta < tb || (ta == tb && a < b);
  }

  boolean isCurrent(ProfileIndex index, TouchpointColumns columns) {
    return version == index.version() && published == columns.published();
  }

  /** The highest sequence number the snapshot knows of: rows above it came later. */
  public long published() {
    return published;
  }

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

  /** The profile's touchpoints that pass the filter, in time order, into {@code buffer}; how many. */
  public int rowsOf(int profile, ViewFilter filter, int[] buffer) {
    int count = 0;
    for (int i = start[profile]; i < start[profile + 1]; i++) {
      int row = rows[i];
      if (filter.passes(columns, row)) {
        buffer[count++] = row;
      }
    }
    return count;
  }

  /** The first touchpoint of a profile: where its id can be read from. */
  public int firstRow(int profile) {
    return rows[start[profile]];
  }

  /** The latest value of a segment attribute on the profile's touchpoints, as code + 1; 0 for none. */
  public int latestValue(int profile, AttributeColumns.Column attribute) {
    for (int i = start[profile + 1] - 1; i >= start[profile]; i--) {
      int code = attribute.codeAt(rows[i]);
      if (code != 0) {
        return code;
      }
    }
    return 0;
  }
}

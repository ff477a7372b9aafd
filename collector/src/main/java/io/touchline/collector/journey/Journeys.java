package io.touchline.collector.journey;

import io.touchline.collector.log.CollectorLog;
import io.touchline.collector.stitch.ProfileIndex;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

/**
 * Where the views get their data: the columns, the attribute columns, and a snapshot of every
 * profile's touchpoints that is rebuilt when touchpoints or placements changed since it was taken —
 * the views always see the profiles as they stand, and a quiet store costs nothing.
 */
public final class Journeys {

  private final ProfileIndex index;
  private final TouchpointColumns columns;
  private final AttributeColumns attributes;
  private final Duration inactivityGap;

  /** A rebuild faster than this is waited for; a slower one happens in the background. */
  static final Duration WAIT_FOR_REBUILD = Duration.ofMillis(250);

  private static final long WAIT_FOR_COLUMNS_MILLIS = 500;

  private final ThreadFactory snapshotThreads;
  private JourneySnapshot snapshot;
  private boolean rebuilding;

  /**
   * @param snapshotThreads makes the thread that builds the next snapshot while a stale one answers
   */
  public Journeys(
      ProfileIndex index,
      TouchpointColumns columns,
      AttributeColumns attributes,
      Duration inactivityGap,
      ThreadFactory snapshotThreads) {
    this.snapshotThreads = snapshotThreads;
    this.index = index;
    this.columns = columns;
    this.attributes = attributes;
    this.inactivityGap = inactivityGap;
  }

  /**
   * The snapshot to answer from. A stale one is rebuilt while the caller waits when that is quick
   * (below {@link #WAIT_FOR_REBUILD}: a small store answers exactly what was stored); on a large
   * store under ingest, where a rebuild takes seconds, the stale snapshot answers while a
   * background thread builds the next one, so views lag by about one rebuild instead of every view
   * paying for it.
   */
  public JourneySnapshot snapshot() {
    awaitColumns();
    JourneySnapshot current;
    synchronized (this) {
      current = snapshot;
      if (current != null && current.isCurrent(index, columns)) {
        return current;
      }
      // An erased customer must vanish from every answer at once: then the caller waits.
      if (current != null
          && current.buildNanos() > WAIT_FOR_REBUILD.toNanos()
          && !current.predatesRemovals(columns)) {
        if (!rebuilding) {
          rebuilding = true;
          snapshotThreads.newThread(this::rebuildInBackground).start();
        }
        return current;
      }
      snapshot = null; // let the old one go before the new one is built
      snapshot = JourneySnapshot.of(index, columns);
      return snapshot;
    }
  }

  /**
   * Waits a moment for the columns to be read back after a start (on a small store that takes
   * milliseconds), then gives up with a {@link ViewsLoadingException}.
   */
  private void awaitColumns() {
    try {
      if (!columns.awaitLoaded(WAIT_FOR_COLUMNS_MILLIS)) {
        String failure = columns.failure();
        throw failure != null
            ? new ViewsLoadingException(failure)
            : new ViewsLoadingException(columns.loadedShare());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ViewsLoadingException(columns.loadedShare());
    }
  }

  private void rebuildInBackground() {
    try {
      JourneySnapshot next = JourneySnapshot.of(index, columns);
      synchronized (this) {
        snapshot = next;
      }
    } catch (RuntimeException e) {
      CollectorLog.error("rebuilding the views' snapshot failed: " + e.getMessage());
    } finally {
      synchronized (this) {
        rebuilding = false;
      }
    }
  }

  public TouchpointColumns columns() {
    return columns;
  }

  public AttributeColumns attributes() {
    return attributes;
  }

  /** A pause longer than this starts a new journey. */
  public Duration inactivityGap() {
    return inactivityGap;
  }
}

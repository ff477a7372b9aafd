package io.touchline.collector.journey;

import io.touchline.collector.stitch.ProfileIndex;
import java.time.Duration;

/**
 * Where the views get their data: the columns, the attribute columns, and a snapshot of every
 * profile's touchpoints that is rebuilt when touchpoints or placements changed since it was
 * taken — the views always see the profiles as they stand, and a quiet store costs nothing.
 */
public final class Journeys {

  private final ProfileIndex index;
  private final TouchpointColumns columns;
  private final AttributeColumns attributes;
  private final Duration inactivityGap;
  private JourneySnapshot snapshot;

  public Journeys(ProfileIndex index, TouchpointColumns columns, AttributeColumns attributes, Duration inactivityGap) {
    this.index = index;
    this.columns = columns;
    this.attributes = attributes;
    this.inactivityGap = inactivityGap;
  }

  /** The current snapshot; one caller rebuilds a stale one while the others wait for it. */
  public synchronized JourneySnapshot snapshot() {
    if (snapshot == null || !snapshot.isCurrent(index, columns)) {
      snapshot = null; // let the old one go before the new one is built
      snapshot = JourneySnapshot.of(index, columns);
    }
    return snapshot;
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

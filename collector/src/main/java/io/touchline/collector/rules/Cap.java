package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;

/**
 * At most {@code perProfile} decisions of a rule per profile within a window. Held-out decisions
 * count as treated ones do, so that the cap selects both groups alike and lift stays comparable.
 */
public record Cap(int perProfile, Duration within) {

  @Override
  public String toString() {
    return perProfile + " per profile within " + Durations.format(within);
  }
}

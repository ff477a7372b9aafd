package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;

/**
 * A step within a window of event time. What the window is measured from depends on the field:
 * before the trigger for {@code after}, after it for {@code unless} and {@code goal}.
 */
public record StepWindow(Step step, Duration within) {

  @Override
  public String toString() {
    return step + " within " + Durations.format(within);
  }
}

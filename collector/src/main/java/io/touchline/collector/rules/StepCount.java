package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;

/**
 * A step seen at least {@code atLeast} times within a window before the trigger (the trigger itself
 * counts when it is the step): {@code 3 × login (error) within 10m}.
 */
public record StepCount(Step step, int atLeast, Duration within) {

  @Override
  public String toString() {
    return atLeast + " × " + step + " within " + Durations.format(within);
  }
}

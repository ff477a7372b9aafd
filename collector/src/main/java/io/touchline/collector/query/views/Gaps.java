package io.touchline.collector.query.views;

import java.time.Duration;

/** Durations as the API shows them: the largest whole unit, as they are written in config. */
final class Gaps {

  private Gaps() {}

  static String format(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}

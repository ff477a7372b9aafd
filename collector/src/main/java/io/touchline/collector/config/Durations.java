package io.touchline.collector.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config: {@code 90s}, {@code 30m}, {@code 12h}, {@code 400d}.
 */
final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

  private Durations() {}

  static Duration parse(String field, String text) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new InvalidFieldException(
          field, "must be a duration such as 90s, 30m, 12h or 400d, was '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.isZero()) {
      throw new InvalidFieldException(field, "must be longer than zero, was '" + text + "'");
    }
    return duration;
  }
}

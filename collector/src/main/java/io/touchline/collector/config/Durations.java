package io.touchline.collector.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config: {@code 90s}, {@code 30m}, {@code 12h}, {@code 400d}.
 * The same in {@code collector.yaml} and the rules file.
 */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(s|m|h|d)");

  /**
   * The longest duration any setting takes: 100 years. Durations are compared and added to
   * nanosecond times, which a long counts for 292 years; no retention, gap or window needs more.
   */
  public static final Duration LONGEST = Duration.ofDays(36_500);

  private Durations() {}

  /**
   * The shortest way to write it back: {@code 1800s} as {@code 30m}, {@code 86400s} as {@code 1d}.
   */
  public static String format(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + "d";
    }
    if (seconds % 3_600 == 0) {
      return seconds / 3_600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  /**
   * @throws IllegalArgumentException naming what is wrong (not the field: the caller knows it)
   */
  public static Duration parse(String field, String text) {
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
    if (duration.compareTo(LONGEST) > 0) {
      throw new InvalidFieldException(
          field, "must be at most 36500d (100 years), was '" + text + "'");
    }
    return duration;
  }
}

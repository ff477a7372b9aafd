package io.touchline.collector.rules;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hours of the day in which no action is sent, in a time zone: {@code 21:00-08:00} runs over
 * midnight. The start is in, the end is out.
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

  private static final Pattern FORM = Pattern.compile("(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})");
  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

  public QuietHours {
    if (start.equals(end)) {
      throw new IllegalArgumentException("must not start and end at the same time");
    }
  }

  /** {@code HH:MM-HH:MM}. */
  static QuietHours parse(String text, ZoneId zone) {
    Matcher matcher = FORM.matcher(text == null ? "" : text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "must be two times of day, HH:MM-HH:MM such as 21:00-08:00, was '" + text + "'");
    }
    try {
      return new QuietHours(
          LocalTime.parse(matcher.group(1), HH_MM), LocalTime.parse(matcher.group(2), HH_MM), zone);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "must be two times of day from 00:00 to 23:59, was '" + text + "'");
    }
  }

  /** An IANA zone ({@code Europe/Berlin}) or an offset ({@code +01:00}, {@code UTC}). */
  static ZoneId zone(String text) {
    try {
      return ZoneId.of(text.trim());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "must be a time zone such as Europe/Berlin or UTC, was '" + text + "'");
    }
  }

  /** Whether {@code instant} falls in the quiet hours, as the clocks of {@link #zone} show it. */
  public boolean contains(Instant instant) {
    LocalTime time = instant.atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !time.isBefore(start) && time.isBefore(end)
        : !time.isBefore(start) || time.isBefore(end);
  }

  @Override
  public String toString() {
    return HH_MM.format(start) + "-" + HH_MM.format(end) + " " + zone.getId();
  }
}

package io.touchline.collector.web;

import io.touchline.collector.journey.Step;
import io.touchline.collector.query.views.NamedFilter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the analyst views' parameters — filters, steps, durations, numbers — and answers a 400
 * naming the parameter when one is malformed.
 */
final class ViewParameters {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");
  private static final Duration MAX_DURATION = Duration.ofDays(3650);

  /** Times the columns hold: epoch nanoseconds in a long, 1677-09-21 to 2262-04-11. */
  private static final Instant EARLIEST = Instant.parse("1678-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("2262-01-01T00:00:00Z");

  private final Map<String, String> first;
  private final Map<String, List<String>> all;

  ViewParameters(ApiRequest request) {
    this.first = request.parameters();
    this.all = request.allValues();
  }

  /**
   * The filters every view takes: {@code from}, {@code to}, {@code channel}, {@code service},
   * {@code segment}, by name; the views say whether they know the names.
   */
  NamedFilter filter() {
    long from = time("from").orElse(Long.MIN_VALUE);
    long to = time("to").orElse(Long.MAX_VALUE);
    if (from >= to) {
      throw new ApiException(400, "from must be before to");
    }
    return new NamedFilter(from, to, names("channel"), names("service"), segment());
  }

  private NamedFilter.Segment segment() {
    String text = text("segment");
    if (text == null) {
      return null;
    }
    int colon = text.indexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new ApiException(
          400,
          "segment must be <attribute>:<value>[,<value>…], e.g. customer.tier:gold, not '"
              + text
              + "'");
    }
    String attribute = text.substring(0, colon).trim();
    Set<String> values = new LinkedHashSet<>();
    for (String value : text.substring(colon + 1).split(",")) {
      if (!value.isBlank()) {
        values.add(value.trim());
      }
    }
    return new NamedFilter.Segment(attribute, List.copyOf(values));
  }

  /**
   * A list filter: the names given, comma-separated; null when absent (any), empty when only commas
   * (none).
   */
  private List<String> names(String name) {
    String text = text(name);
    if (text == null) {
      return null;
    }
    return Arrays.stream(text.split(","))
        .filter(item -> !item.isBlank())
        .map(String::trim)
        .toList();
  }

  private java.util.Optional<Long> time(String name) {
    String text = text(name);
    if (text == null) {
      return java.util.Optional.empty();
    }
    Instant instant;
    try {
      instant =
          text.length() == 10
              ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
              : OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new ApiException(
          400,
          name
              + " must be an ISO-8601 instant (2026-11-24T10:00:00Z) or a date (2026-11-24), not '"
              + text
              + "'");
    }
    if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
      throw new ApiException(400, name + " must be between 1678 and 2261, not '" + text + "'");
    }
    return java.util.Optional.of(instant.getEpochSecond() * 1_000_000_000L + instant.getNano());
  }

  ZoneId zone() {
    String text = text("tz");
    if (text == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(text);
    } catch (DateTimeException e) {
      throw new ApiException(
          400, "tz must be a time zone such as Europe/Berlin or UTC, not '" + text + "'");
    }
  }

  /** A step parameter, required. */
  Step step(String name) {
    String text = text(name);
    if (text == null) {
      throw new ApiException(
          400,
          name + " is required: a touchpoint name, optionally @channel (e.g. order.placed@web)");
    }
    return parseStep(name, text);
  }

  /** A step parameter that may be absent. */
  Step optionalStep(String name) {
    String text = text(name);
    return text == null ? null : parseStep(name, text);
  }

  /** Every value of a repeatable step parameter, in order. */
  List<Step> steps(String name) {
    List<Step> steps = new ArrayList<>();
    for (String text : all.getOrDefault(name, List.of())) {
      if (!text.isBlank()) {
        steps.add(parseStep(name, text));
      }
    }
    return steps;
  }

  private static Step parseStep(String name, String text) {
    try {
      return Step.parse(text);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, name + ": " + e.getMessage());
    }
  }

  Duration duration(String name, Duration fallback) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()
        || matcher.group(1).length() > 9
        || Long.parseLong(matcher.group(1)) == 0) {
      throw new ApiException(
          400, name + " must be a duration such as 90s, 30m, 12h or 7d, not '" + text + "'");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
    if (duration.compareTo(MAX_DURATION) > 0) {
      throw new ApiException(400, name + " must be at most 3650d, not '" + text + "'");
    }
    return duration;
  }

  int number(String name, int fallback, int min, int max) {
    String text = text(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new ApiException(
        400, name + " must be a whole number from " + min + " to " + max + ", not '" + text + "'");
  }

  /** One of the allowed words, or the first of them when absent. */
  String choice(String name, String... allowed) {
    String text = text(name);
    if (text == null) {
      return allowed[0];
    }
    for (String word : allowed) {
      if (word.equals(text)) {
        return word;
      }
    }
    throw new ApiException(
        400, name + " must be one of " + String.join(", ", allowed) + ", not '" + text + "'");
  }

  /** A parameter's text, trimmed; null when absent or empty. */
  String text(String name) {
    String value = first.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }
}

package com.acme.simulator;

import com.acme.simulator.journey.App;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --name value} options of one command; a bad one is an IllegalArgumentException naming it.
 */
final class Options {

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  static Options parse(String[] args, String... allowed) {
    Set<String> known = Set.of(allowed);
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!known.contains(args[i])) {
        throw new IllegalArgumentException("unknown option " + args[i]);
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      values.put(args[i], args[i + 1]);
    }
    return new Options(values);
  }

  int integer(String name, int fallback) {
    long value = number(name, fallback);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          name + " must be a positive whole number, was " + values.get(name));
    }
    return (int) value;
  }

  long number(String name, long fallback) {
    String raw = values.get(name);
    try {
      return raw == null ? fallback : Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + raw + "'");
    }
  }

  double decimal(String name, double fallback) {
    String raw = values.get(name);
    try {
      double value = raw == null ? fallback : Double.parseDouble(raw.trim());
      if (!(value > 0)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive number, was '" + raw + "'");
    }
  }

  Duration duration(String name, Duration fallback) {
    String raw = values.get(name);
    if (raw == null) {
      return fallback;
    }
    Matcher m = DURATION.matcher(raw.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          name + " must be a duration such as 500ms, 20s, 2m or 1h, was '" + raw + "'");
    }
    long amount = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    };
  }

  Path path(String name, Path fallback) {
    String raw = values.get(name);
    return raw == null ? fallback : Path.of(raw);
  }

  String url(String name, App app) {
    String raw = values.get(name);
    if (raw == null) {
      return app.defaultUrl();
    }
    if (!raw.matches("https?://[^/\\s]+/?")) {
      throw new IllegalArgumentException(
          name + " must be a base URL such as " + app.defaultUrl() + ", was '" + raw + "'");
    }
    return raw.replaceAll("/+$", "");
  }
}

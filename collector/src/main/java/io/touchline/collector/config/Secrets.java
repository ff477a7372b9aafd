package io.touchline.collector.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A secret is better kept out of the config file: a value written {@code ${NAME}} is read from the
 * environment variable {@code NAME}, and a missing variable is an error, not an empty token.
 */
final class Secrets {

  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

  private Secrets() {}

  static String resolve(String field, String value) {
    if (value == null) {
      return null;
    }
    String resolved = value.trim();
    Matcher matcher = REFERENCE.matcher(resolved);
    if (matcher.matches()) {
      resolved = System.getenv(matcher.group(1));
      if (resolved == null || resolved.isBlank()) {
        throw new InvalidFieldException(
            field, "the environment variable " + matcher.group(1) + " is not set");
      }
      resolved = resolved.trim();
    }
    if (resolved.isEmpty()) {
      throw new InvalidFieldException(field, "must not be empty; leave the field out for no token");
    }
    if (resolved.length() < 16) {
      throw new InvalidFieldException(field, "must be at least 16 characters, to be hard to guess");
    }
    return resolved;
  }
}

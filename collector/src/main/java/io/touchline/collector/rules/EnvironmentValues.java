package io.touchline.collector.rules;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads secrets and per-deployment values from the environment when the file loads, so that the
 * file itself holds none: {@code ${NAME}} and {@code ${NAME:-default}} in a target's URL and header
 * values, and the variable a target's {@code secretEnv} names. A message names the variable, never
 * its value.
 */
final class EnvironmentValues {

  static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  /** As long as collector.yaml asks of a token: a short HMAC secret is a guessable one. */
  static final int MIN_SECRET_LENGTH = 16;

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> environment;

  EnvironmentValues(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /** {@code value} with each {@code ${NAME}} replaced by the variable's value. */
  String substitute(String value) {
    if (value.indexOf("${") < 0) {
      return value;
    }
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = environment.get(name);
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw new IllegalArgumentException(
            "the environment variable "
                + name
                + " is not set (write ${"
                + name
                + ":-default} for a default)");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }

  /** The secret held by the variable {@code name}. */
  String secret(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "must name an environment variable ([A-Za-z_][A-Za-z0-9_]*), was '" + name + "'");
    }
    String secret = environment.get(name);
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("the environment variable " + name + " is not set");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "the environment variable "
              + name
              + " holds "
              + secret.length()
              + " characters; a signing secret needs at least "
              + MIN_SECRET_LENGTH);
    }
    return secret;
  }
}

package io.touchline.agent.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config values with environment
 * variables, so one file serves several deployments and secrets stay out of it.
 */
final class EnvironmentSubstitution {

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

  private final Map<String, String> environment;

  EnvironmentSubstitution(Map<String, String> environment) {
    this.environment = environment;
  }

  String substitute(String value, ConfigLocation where) throws ConfigException {
    if (value == null || value.indexOf("${") < 0) {
      return value;
    }
    Matcher matcher = REFERENCE.matcher(value);
    StringBuffer result = new StringBuffer();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = environment.get(name);
      if (replacement == null) {
        replacement = matcher.group(2);
      }
      if (replacement == null) {
        throw ConfigException.at(
            where, "environment variable " + name + " is not set (write ${" + name + ":-default})");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}

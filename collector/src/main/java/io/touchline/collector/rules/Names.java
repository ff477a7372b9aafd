package io.touchline.collector.rules;

import java.util.regex.Pattern;

/**
 * Names of rules and targets: they go into a header ({@code X-Touchline-Rule: name@version}), a URL
 * path ({@code /api/rules/{name}}) and metric labels, so they keep to characters safe in all three.
 */
final class Names {

  static final int MAX_LENGTH = 64;
  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Names() {}

  static String check(String what, String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("required: " + what + "'s name");
    }
    if (!FORM.matcher(name).matches() || name.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' is not a name: letters, digits, '.', '_' and '-', starting with a letter or a"
              + " digit, at most "
              + MAX_LENGTH);
    }
    return name;
  }
}

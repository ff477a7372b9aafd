package io.touchline.keys;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How key values are normalised before they are linked, looked up or hashed: named steps applied in
 * order, with a default per key type. The agent and the collector use this one class, so a key
 * captured in an application and one typed by an analyst compare equal.
 */
public final class Normalization {

  /** The steps a config may list under {@code normalize}. */
  public static final List<String> STEPS =
      Collections.unmodifiableList(Arrays.asList("trim", "lowercase", "digits"));

  private static final List<String> EMAIL =
      Collections.unmodifiableList(Arrays.asList("trim", "lowercase"));
  private static final List<String> PHONE = Collections.singletonList("digits");
  private static final List<String> OTHER = Collections.singletonList("trim");

  private Normalization() {}

  /** The default steps of a key type: email trim + lowercase, phone digits, any other trim. */
  public static List<String> defaultsFor(String type) {
    switch (type) {
      case "email":
        return EMAIL;
      case "phone":
        return PHONE;
      default:
        return OTHER;
    }
  }

  /** The value after the type's default steps. */
  public static String normalize(String type, String raw) {
    return apply(defaultsFor(type), raw);
  }

  /** Applies the steps in order; an unknown step is a programming error (configs are checked). */
  public static String apply(List<String> steps, String raw) {
    String value = raw;
    for (String step : steps) {
      switch (step) {
        case "trim":
          value = value.trim();
          break;
        case "lowercase":
          value = value.toLowerCase(Locale.ROOT);
          break;
        case "digits":
          value = digits(value);
          break;
        default:
          throw new IllegalArgumentException(
              "unknown normalize step '" + step + "'; known: " + STEPS);
      }
    }
    return value;
  }

  private static String digits(String raw) {
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        out.append(c);
      }
    }
    return out.toString();
  }
}

package io.touchline.agent.capture;

import java.util.Locale;

/**
 * Per-type normalisation of customer key values, the same names and defaults as the collector's
 * (email: trim + lowercase, phone: digits only, anything else: trim), so a key captured by the
 * agent and one looked up by an analyst compare equal.
 */
public final class KeyNormalization {

  private KeyNormalization() {}

  public static String normalize(String type, String raw) {
    switch (type) {
      case "email":
        return raw.trim().toLowerCase(Locale.ROOT);
      case "phone":
        return digits(raw);
      default:
        return raw.trim();
    }
  }

  /** The steps an admin may list under {@code normalize}. */
  public static final java.util.List<String> STEPS =
      java.util.Collections.unmodifiableList(java.util.Arrays.asList("trim", "lowercase", "digits"));

  /** Applies the given steps in order; the names are checked when the config is read. */
  public static String apply(java.util.List<String> steps, String raw) {
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
          throw new IllegalArgumentException("unknown normalize step " + step);
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

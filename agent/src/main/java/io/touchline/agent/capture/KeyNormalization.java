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

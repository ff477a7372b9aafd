package io.touchline.agent.capture;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for "no customer" ({@code null}, {@code anonymous}, {@code 0}, …). They are
 * never sent as keys: linking every anonymous visitor through the key "anonymous" would merge
 * strangers into one profile.
 */
public final class Placeholders {

  private static final Set<String> DEFAULTS =
      Collections.unmodifiableSet(
          new HashSet<>(Arrays.asList("", "null", "undefined", "0", "-1", "anonymous")));

  private Placeholders() {}

  /** True when the raw or the normalised value is a placeholder. */
  public static boolean isPlaceholder(String raw, String normalized) {
    return isPlaceholder(raw) || isPlaceholder(normalized);
  }

  private static boolean isPlaceholder(String value) {
    String trimmed = value.trim();
    return DEFAULTS.contains(trimmed.toLowerCase(Locale.ROOT)) || allZeros(trimmed);
  }

  private static boolean allZeros(String value) {
    boolean sawZero = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '0') {
        sawZero = true;
      } else if (c != '-' && c != ' ' && c != '.' && c != ':') {
        return false;
      }
    }
    return sawZero;
  }
}

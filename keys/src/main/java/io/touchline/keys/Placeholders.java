package io.touchline.keys;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Values that stand for "no customer" ({@code null}, {@code anonymous}, {@code 0}, …) and are never
 * keys: linking every anonymous visitor through the key "anonymous" would merge strangers. The
 * built-in list plus the values a config adds; checked on the raw and the normalised value.
 */
public final class Placeholders {

  private static final Set<String> BUILT_IN =
      Collections.unmodifiableSet(
          new HashSet<>(Arrays.asList("", "null", "undefined", "0", "-1", "anonymous")));
  private static final Placeholders DEFAULTS = new Placeholders(Collections.<String>emptySet());

  private final Set<String> extra;

  private Placeholders(Set<String> extra) {
    this.extra = extra;
  }

  public static Placeholders defaults() {
    return DEFAULTS;
  }

  /** The built-in placeholders plus these (compared trimmed and case-insensitively). */
  public static Placeholders withExtra(Iterable<String> values) {
    Set<String> extra = new HashSet<>();
    for (String value : values) {
      extra.add(value.trim().toLowerCase(Locale.ROOT));
    }
    return new Placeholders(Collections.unmodifiableSet(extra));
  }

  /** True when the raw or the normalised value is a placeholder. */
  public boolean isPlaceholder(String raw, String normalized) {
    return isPlaceholder(raw) || isPlaceholder(normalized);
  }

  private boolean isPlaceholder(String value) {
    String canonical = value.trim().toLowerCase(Locale.ROOT);
    return BUILT_IN.contains(canonical) || extra.contains(canonical) || allZeros(canonical);
  }

  /** {@code 0000}, {@code 00-00}, {@code 0.0}: zeros with separators only. */
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

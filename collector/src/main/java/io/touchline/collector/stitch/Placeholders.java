package io.touchline.collector.stitch;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values that stand for "no customer". Linking on them would merge every anonymous visitor into
 * one profile, so they are never keys; the agent drops the same values before sending.
 */
public final class Placeholders {

  private static final Set<String> DEFAULTS = Set.of("", "null", "undefined", "0", "-1", "anonymous");
  private static final Pattern ALL_ZEROS = Pattern.compile("[0\\-.: ]*0[0\\-.: ]*");

  private Placeholders() {}

  /** True when the raw or the normalised value is a placeholder. */
  public static boolean isPlaceholder(String raw, String normalized) {
    return isPlaceholder(raw) || isPlaceholder(normalized);
  }

  private static boolean isPlaceholder(String value) {
    String trimmed = value.trim();
    return DEFAULTS.contains(trimmed.toLowerCase(Locale.ROOT)) || ALL_ZEROS.matcher(trimmed).matches();
  }
}

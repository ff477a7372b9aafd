package io.touchline.collector.rules;

import java.util.Locale;

/**
 * Whether a rule acts. Not part of its {@linkplain RuleVersion version}: pausing is no new rule.
 */
public enum Mode {
  /** Decides and sends. */
  LIVE,
  /** Decides and records what it would have sent; sends nothing. */
  SHADOW,
  /** Decides nothing. */
  PAUSED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Mode parse(String text) {
    for (Mode mode : values()) {
      if (mode.label().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException("must be live, shadow or paused, was '" + text + "'");
  }
}

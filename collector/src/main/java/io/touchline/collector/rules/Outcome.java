package io.touchline.collector.rules;

import java.util.Locale;

/**
 * How a touchpoint went, as the collector stores it ({@code touchline.outcome}, else the span's
 * status): a step may ask for one.
 */
public enum Outcome {
  SUCCESS,
  ERROR;

  /** As written in the file and stored with the touchpoint: {@code success}, {@code error}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Outcome parse(String text) {
    for (Outcome outcome : values()) {
      if (outcome.label().equals(text)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException(
        "must be success or error (the outcomes the collector stores), was '" + text + "'");
  }
}

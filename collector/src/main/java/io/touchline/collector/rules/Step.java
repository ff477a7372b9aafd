package io.touchline.collector.rules;

import java.util.Objects;

/**
 * A touchpoint a rule looks for: its name, optionally the channel it came through and how it went.
 * Written {@code payment.declined@web}, or {@code {touchpoint: login, channel: web, outcome:
 * error}}.
 *
 * @param touchpoint the touchpoint's name
 * @param channel null for any channel
 * @param outcome null for any outcome
 */
public record Step(String touchpoint, String channel, Outcome outcome) {

  /** Longer names are no touchpoint the collector stores (its attribute names stop at 256). */
  static final int MAX_NAME_LENGTH = 256;

  public Step {
    Objects.requireNonNull(touchpoint, "touchpoint");
  }

  /**
   * The compact form {@code touchpoint[@channel]}; the last {@code @} separates the channel.
   *
   * @throws IllegalArgumentException saying what is wrong
   */
  static Step parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int at = trimmed.lastIndexOf('@');
    String name = at < 0 ? trimmed : trimmed.substring(0, at).trim();
    String channel = at < 0 ? null : trimmed.substring(at + 1).trim();
    if (name.isEmpty() || (channel != null && channel.isEmpty())) {
      throw new IllegalArgumentException(
          "a step is a touchpoint name, optionally @channel (e.g. payment.declined@web), not '"
              + text
              + "'");
    }
    return new Step(checkName("touchpoint", name), checkName("channel", channel), null);
  }

  static String checkName(String what, String name) {
    if (name != null && name.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException(
          "the " + what + " name is " + name.length() + " characters, over " + MAX_NAME_LENGTH);
    }
    return name;
  }

  /** Whether a touchpoint with this name, channel and outcome is this step. */
  public boolean matches(String touchpoint, String channel, String outcome) {
    return this.touchpoint.equals(touchpoint)
        && (this.channel == null || this.channel.equals(channel))
        && (this.outcome == null || this.outcome.label().equals(outcome));
  }

  /** {@code touchpoint[@channel]}, then {@code (outcome)} when one is asked for. */
  @Override
  public String toString() {
    return touchpoint
        + (channel == null ? "" : "@" + channel)
        + (outcome == null ? "" : " (" + outcome.label() + ")");
  }
}

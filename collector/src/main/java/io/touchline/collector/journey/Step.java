package io.touchline.collector.journey;

import java.util.Locale;

/**
 * A touchpoint as a view's step: a name, optionally pinned to a channel and to an outcome ({@code
 * order.placed}, {@code order.placed@web}, {@code order.placed@web:success}, {@code
 * order.placed:error}).
 *
 * @param channel null for any channel
 * @param outcome {@code success}, {@code error}, or null for either
 */
public record Step(String touchpoint, String channel, String outcome) {

  public static final String SUCCESS = "success";
  public static final String ERROR = "error";

  /** Any outcome. */
  public Step(String touchpoint, String channel) {
    this(touchpoint, channel, null);
  }

  /**
   * {@code touchpoint[@channel][:success|:error]}: the last {@code @} separates the channel, and a
   * trailing {@code :success} or {@code :error} the outcome (a name ending in either is read so).
   */
  public static Step parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    String outcome = null;
    for (String candidate : new String[] {SUCCESS, ERROR}) {
      if (trimmed.toLowerCase(Locale.ROOT).endsWith(":" + candidate)) {
        outcome = candidate;
        trimmed = trimmed.substring(0, trimmed.length() - candidate.length() - 1).trim();
      }
    }
    int at = trimmed.lastIndexOf('@');
    String name = at < 0 ? trimmed : trimmed.substring(0, at).trim();
    String channel = at < 0 ? null : trimmed.substring(at + 1).trim();
    if (name.isEmpty() || (channel != null && channel.isEmpty())) {
      throw new IllegalArgumentException(
          "a step is a touchpoint name, optionally @channel and :success or :error (e.g."
              + " order.placed@web:success), not '"
              + text
              + "'");
    }
    return new Step(name, channel, outcome);
  }

  /** The step as codes of these columns: it matches nothing when no touchpoint has its name. */
  public Matcher matcher(TouchpointColumns columns) {
    return new Matcher(
        columns.touchpointCode(touchpoint),
        channel == null ? -1 : columns.channelCode(channel),
        channel != null,
        outcome == null ? Matcher.ANY : outcome.equals(ERROR) ? Matcher.FAILED : Matcher.SUCCEEDED);
  }

  @Override
  public String toString() {
    return touchpoint
        + (channel == null ? "" : "@" + channel)
        + (outcome == null ? "" : ":" + outcome);
  }

  /** Tests stored touchpoints against a step. */
  public record Matcher(int touchpointCode, int channelCode, boolean pinned, int outcome) {
    static final int ANY = 0;
    static final int SUCCEEDED = 1;
    static final int FAILED = 2;

    /** Any outcome. */
    public Matcher(int touchpointCode, int channelCode, boolean pinned) {
      this(touchpointCode, channelCode, pinned, ANY);
    }

    /** Whether the snapshot's touchpoint at this position is the step. */
    public boolean matches(JourneySnapshot snapshot, int position) {
      return touchpointCode >= 0
          && snapshot.touchpoint(position) == touchpointCode
          && (!pinned || (channelCode >= 0 && snapshot.channel(position) == channelCode))
          && (outcome == ANY || snapshot.failed(position) == (outcome == FAILED));
    }
  }
}

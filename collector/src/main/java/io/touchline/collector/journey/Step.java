package io.touchline.collector.journey;

/**
 * A touchpoint as a view's step: a name, optionally pinned to a channel ({@code order.placed} or
 * {@code order.placed@web}).
 *
 * @param channel null for any channel
 */
public record Step(String touchpoint, String channel) {

  public static Step parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    int at = trimmed.lastIndexOf('@');
    String name = at < 0 ? trimmed : trimmed.substring(0, at).trim();
    String channel = at < 0 ? null : trimmed.substring(at + 1).trim();
    if (name.isEmpty() || (channel != null && channel.isEmpty())) {
      throw new IllegalArgumentException(
          "a step is a touchpoint name, optionally @channel (e.g. order.placed@web), not '"
              + text
              + "'");
    }
    return new Step(name, channel);
  }

  /** The step as codes of these columns: it matches nothing when no touchpoint has its name. */
  public Matcher matcher(TouchpointColumns columns) {
    return new Matcher(
        columns.touchpointCode(touchpoint),
        channel == null ? -1 : columns.channelCode(channel),
        channel != null);
  }

  @Override
  public String toString() {
    return channel == null ? touchpoint : touchpoint + "@" + channel;
  }

  /** Tests stored touchpoints against a step. */
  public record Matcher(int touchpointCode, int channelCode, boolean pinned) {
    /** Whether the snapshot's touchpoint at this position is the step. */
    public boolean matches(JourneySnapshot snapshot, int position) {
      return touchpointCode >= 0
          && snapshot.touchpoint(position) == touchpointCode
          && (!pinned || (channelCode >= 0 && snapshot.channel(position) == channelCode));
    }
  }
}

package io.touchline.collector.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One page of a list in canonical order (event time, trace id, span id): at most {@code limit}
 * items after the {@code cursor}. A cursor is the position of the last item of the previous page,
 * so pages stay right while new touchpoints arrive.
 *
 * @param after position to continue after; null for the first page
 */
public record Page(int limit, Position after) {

  public static final int MAX_LIMIT = 1000;

  /** Where an item sits in canonical order. */
  public record Position(long eventNanos, String traceId, String spanId)
      implements Comparable<Position> {
    @Override
    public int compareTo(Position other) {
      int byTime = Long.compare(eventNanos, other.eventNanos);
      if (byTime != 0) {
        return byTime;
      }
      int byTrace = traceId.compareTo(other.traceId);
      return byTrace != 0 ? byTrace : spanId.compareTo(other.spanId);
    }

    /** Opaque to clients: they pass it back as it is. */
    public String cursor() {
      String text = eventNanos + ":" + traceId + ":" + spanId;
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws IllegalArgumentException when the text is no cursor this collector made
     */
    public static Position ofCursor(String cursor) {
      try {
        String[] parts =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        if (parts.length != 3
            || !parts[1].matches("[0-9a-f]{32}")
            || !parts[2].matches("[0-9a-f]{16}")) {
          throw new IllegalArgumentException("not a cursor");
        }
        return new Position(Long.parseLong(parts[0]), parts[1], parts[2]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "'" + cursor + "' is not a cursor from a previous answer", e);
      }
    }
  }

  public static Page first() {
    return new Page(MAX_LIMIT, null);
  }
}

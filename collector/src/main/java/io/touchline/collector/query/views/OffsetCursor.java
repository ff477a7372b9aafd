package io.touchline.collector.query.views;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A cursor into a view's list: the position of the next item. Views are recomputed per request, so
 * a list that changed between two pages may repeat or skip an item at the seam.
 */
public final class OffsetCursor {

  private OffsetCursor() {}

  public static String of(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("at:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the text did not come from {@link #of}
   */
  public static int offsetOf(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith("at:")) {
        int offset = Integer.parseInt(text.substring(3));
        if (offset >= 0) {
          return offset;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal below
    }
    throw new IllegalArgumentException("'" + cursor + "' is not a cursor this list gave out");
  }
}

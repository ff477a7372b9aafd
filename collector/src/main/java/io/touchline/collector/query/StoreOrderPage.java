package io.touchline.collector.query;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One page of a list in the order the collector stored its items: at most {@code limit} items
 * stored after {@code afterSequence}. New items only ever come after the last page, so paging to
 * the end reads every item once, however many arrive meanwhile.
 *
 * @param afterSequence store position to continue after; 0 for the first page
 */
public record StoreOrderPage(int limit, long afterSequence) {

  private static final String PREFIX = "seq:";

  /** Opaque to clients: they pass it back as it is. */
  public static String cursorAfter(long sequence) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + sequence).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @throws IllegalArgumentException when the text is no cursor of this kind
   */
  public static long sequenceOf(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!text.startsWith(PREFIX)) {
        throw new IllegalArgumentException("not a cursor");
      }
      long sequence = Long.parseLong(text.substring(PREFIX.length()));
      if (sequence < 0) {
        throw new IllegalArgumentException("not a cursor");
      }
      return sequence;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + cursor + "' is not a cursor from a previous answer", e);
    }
  }
}

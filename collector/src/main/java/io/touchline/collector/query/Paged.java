package io.touchline.collector.query;

/** An answer that is one page of a list: where the next page starts, or null on the last one. */
public interface Paged {
  String nextCursor();
}

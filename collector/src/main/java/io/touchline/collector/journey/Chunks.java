package io.touchline.collector.journey;

/**
 * Fixed-size chunks of a column, indexed by a touchpoint's sequence number. Growing adds a chunk
 * and never copies, so a reader holding the table sees every value written before it looked.
 */
final class Chunks {

  static final int SHIFT = 16;
  static final int SIZE = 1 << SHIFT;
  static final int MASK = SIZE - 1;

  private Chunks() {}

  static int chunk(long sequence) {
    return (int) (sequence >>> SHIFT);
  }

  static int slot(long sequence) {
    return (int) (sequence & MASK);
  }
}

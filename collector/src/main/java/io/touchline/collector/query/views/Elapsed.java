package io.touchline.collector.query.views;

/**
 * Time between two stored touchpoints, compared with a limit (a window, a lookback, a gap). Stored
 * times span the whole of a long (1677 to 2262), so {@code later - earlier} can exceed {@link
 * Long#MAX_VALUE} and wrap to a negative number, which any limit would take for "within". Read as
 * an unsigned number the difference is exact, since the later time is never before the earlier one;
 * and the comparison costs what a signed one does.
 */
final class Elapsed {

  private Elapsed() {}

  /**
   * Whether more than {@code limitNanos} passed from {@code earlier} to {@code later}.
   *
   * @param later not before {@code earlier}
   * @param limitNanos not negative
   */
  static boolean exceeds(long earlier, long later, long limitNanos) {
    return Long.compareUnsigned(later - earlier, limitNanos) > 0;
  }
}

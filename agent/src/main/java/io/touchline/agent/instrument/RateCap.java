package io.touchline.agent.instrument;

import java.util.concurrent.atomic.AtomicLong;

/**
 * At most {@code perSecond} calls of one touchpoint recorded per second of the clock; the rest are
 * counted and not captured. A guard against a method matched by mistake on a hot path, or a retry
 * storm: the application pays one compare-and-set per call, and the export queue stays for the
 * touchpoints that matter. The window is the clock's whole second, so a burst across a second's
 * boundary may see up to twice the cap.
 */
final class RateCap {

  private final int perSecond;

  /** The current second in the high 32 bits, the calls recorded in it in the low 32. */
  private final AtomicLong window = new AtomicLong(-1L << 32);

  RateCap(int perSecond) {
    this.perSecond = perSecond;
  }

  /** Whether a call at {@code epochNanos} may be recorded; counts it if so. */
  boolean tryAcquire(long epochNanos) {
    long second = Math.floorDiv(epochNanos, 1_000_000_000L) & 0xFFFFFFFFL;
    while (true) {
      long current = window.get();
      long next;
      if ((current >>> 32) == second) {
        if ((int) current >= perSecond) {
          return false;
        }
        next = current + 1;
      } else {
        next = (second << 32) | 1;
      }
      if (window.compareAndSet(current, next)) {
        return true;
      }
    }
  }
}

package io.touchline.agent.instrument;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The touchpoint calls in progress on one thread, innermost last, each with the ids its span will
 * have: a call made inside another one's is its child, in the same trace. Arrays rather than
 * objects, so that entering a touchpoint allocates nothing; ids are drawn here, on the
 * application's thread, because a child needs its parent's before the parent ends.
 */
final class CallStack {

  private long[] startNanos = new long[8];
  private long[] traceHigh = new long[8];
  private long[] traceLow = new long[8];
  private long[] spanId = new long[8];
  private int depth;

  /** Enters a call; returns its frame's number. */
  int push(long nanos) {
    if (depth == startNanos.length) {
      int size = depth * 2;
      startNanos = Arrays.copyOf(startNanos, size);
      traceHigh = Arrays.copyOf(traceHigh, size);
      traceLow = Arrays.copyOf(traceLow, size);
      spanId = Arrays.copyOf(spanId, size);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (depth == 0) {
      traceHigh[0] = random.nextLong();
      traceLow[0] = nonZero(random.nextLong());
    } else {
      traceHigh[depth] = traceHigh[depth - 1];
      traceLow[depth] = traceLow[depth - 1];
    }
    spanId[depth] = nonZero(random.nextLong());
    startNanos[depth] = nanos;
    return depth++;
  }

  /** Whether the frame is one of those in progress (false when its entry failed to record it). */
  boolean holds(int frame) {
    return frame >= 0 && frame < depth;
  }

  /** Leaves the frame, and any inner one left behind. */
  void popTo(int frame) {
    depth = frame;
  }

  long startNanos(int frame) {
    return startNanos[frame];
  }

  long traceHigh(int frame) {
    return traceHigh[frame];
  }

  long traceLow(int frame) {
    return traceLow[frame];
  }

  long spanId(int frame) {
    return spanId[frame];
  }

  /** The enclosing call's span id, or 0 at the outermost call. */
  long parentSpanId(int frame) {
    return frame == 0 ? 0 : spanId[frame - 1];
  }

  /** Ids of zero are invalid in OpenTelemetry. */
  private static long nonZero(long id) {
    return id == 0 ? 1 : id;
  }
}

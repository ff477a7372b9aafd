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
  private long[] parentSpanId = new long[8];

  /** Each call's receiver and method, to tell two touchpoints on one call from a nested call. */
  private Object[] self = new Object[8];

  private String[] method = new String[8];

  /**
   * The touchpoint (its slot) each frame is a call of, and whether a call inside it recorded that
   * touchpoint already.
   */
  private int[] slot = new int[8];

  private boolean[] covered = new boolean[8];
  private int depth;

  /**
   * Enters a call of {@code methodName} on {@code receiver} (null for a static method); returns its
   * frame's number. Two touchpoints on one method weave two advices into it, each entering here:
   * when the frame below is the same method on the same receiver, the two are one call, and their
   * spans are siblings under the same parent rather than parent and child. (A method that calls
   * itself directly on the same object looks the same, and is treated so.)
   */
  int push(long nanos, Object receiver, String methodName, int touchpoint) {
    if (depth == startNanos.length) {
      int size = depth * 2;
      startNanos = Arrays.copyOf(startNanos, size);
      traceHigh = Arrays.copyOf(traceHigh, size);
      traceLow = Arrays.copyOf(traceLow, size);
      spanId = Arrays.copyOf(spanId, size);
      parentSpanId = Arrays.copyOf(parentSpanId, size);
      self = Arrays.copyOf(self, size);
      method = Arrays.copyOf(method, size);
      slot = Arrays.copyOf(slot, size);
      covered = Arrays.copyOf(covered, size);
    }
    ThreadLocalRandom random = ThreadLocalRandom.current();
    if (depth == 0) {
      traceHigh[0] = random.nextLong();
      traceLow[0] = nonZero(random.nextLong());
      parentSpanId[0] = 0;
    } else {
      traceHigh[depth] = traceHigh[depth - 1];
      traceLow[depth] = traceLow[depth - 1];
      boolean sameCall = self[depth - 1] == receiver && methodName.equals(method[depth - 1]);
      parentSpanId[depth] = sameCall ? parentSpanId[depth - 1] : spanId[depth - 1];
    }
    spanId[depth] = nonZero(random.nextLong());
    startNanos[depth] = nanos;
    self[depth] = receiver;
    method[depth] = methodName;
    slot[depth] = touchpoint;
    covered[depth] = false;
    return depth++;
  }

  /** Whether the frame is one of those in progress (false when its entry failed to record it). */
  boolean holds(int frame) {
    return frame >= 0 && frame < depth;
  }

  /**
   * Whether a call inside this frame was already taken as this frame's touchpoint: a proxy, a
   * decorator or a subclass forwarding to the woven real method, or the method calling itself. One
   * call records its touchpoint once, at the innermost frame — the real implementation.
   */
  boolean covered(int frame) {
    return covered[frame];
  }

  /**
   * The frame's call was taken as its touchpoint: the nearest enclosing call of the same touchpoint
   * need not be.
   */
  void coverEnclosing(int frame) {
    for (int i = frame - 1; i >= 0; i--) {
      if (slot[i] == slot[frame]) {
        covered[i] = true;
        return;
      }
    }
  }

  /** Leaves the frame, and any inner one left behind. */
  void popTo(int frame) {
    for (int i = frame; i < depth; i++) {
      self[i] = null; // the stack must not keep the application's objects alive
    }
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
    return parentSpanId[frame];
  }

  /** Ids of zero are invalid in OpenTelemetry. */
  private static long nonZero(long id) {
    return id == 0 ? 1 : id;
  }
}

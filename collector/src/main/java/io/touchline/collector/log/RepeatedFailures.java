package io.touchline.collector.log;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides how much of a failure the log is told, so that one that repeats with every request (a
 * database that went away, a bug on a hot route) cannot fill the disk: per kind of failure (its
 * class and where it was thrown), the first in a minute is logged with its stack trace, the next
 * few with one line each that points back to it, and the rest only counted, their number said with
 * the next stack trace.
 */
final class RepeatedFailures {

  /** How long a stack trace stands for the failures of its kind that follow it. */
  static final long WINDOW_NANOS = 60_000_000_000L;

  /** One-line mentions after a stack trace, within its window, before the rest are only counted. */
  static final int LINES_PER_WINDOW = 5;

  /** What the log is told about one failure. */
  enum Verdict {
    /** The whole entry, with its stack trace. */
    STACK,
    /** One line naming the request id of the stack trace it repeats. */
    LINE,
    /** Nothing now; counted and said later. */
    COUNTED
  }

  /**
   * @param verdict what to log
   * @param firstId the request id whose stack trace this failure repeats (for {@link
   *     Verdict#LINE}), or null
   * @param unlogged how many failures of this kind were only counted since the last stack trace
   *     (for {@link Verdict#STACK})
   */
  record Decision(Verdict verdict, String firstId, long unlogged) {}

  private static final class Kind {
    long windowStart;
    String firstId;
    int lines;
    long counted;
  }

  private final LongSupplier nanoClock;
  private final Map<String, Kind> kinds = new HashMap<>();

  RepeatedFailures(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  synchronized Decision decide(Throwable failure, String id) {
    long now = nanoClock.getAsLong();
    String kind = kindOf(failure);
    Kind seen = kinds.get(kind);
    if (seen == null || now - seen.windowStart >= WINDOW_NANOS) {
      long unlogged = seen == null ? 0 : seen.counted;
      if (seen == null) {
        if (kinds.size() >= 1_000) {
          // Kinds are classes and places in the collector's code: few. The bound only keeps a
          // pathological stream of distinct ones from growing this map without end.
          kinds.clear();
        }
        seen = new Kind();
        kinds.put(kind, seen);
      }
      seen.windowStart = now;
      seen.firstId = id;
      seen.lines = 0;
      seen.counted = 0;
      return new Decision(Verdict.STACK, null, unlogged);
    }
    if (seen.lines < LINES_PER_WINDOW) {
      seen.lines++;
      return new Decision(Verdict.LINE, seen.firstId, 0);
    }
    seen.counted++;
    return new Decision(Verdict.COUNTED, seen.firstId, 0);
  }

  /**
   * The failure's class, the frame that threw it and the first frame of the collector's own code on
   * the way: the same bug, whatever its message says. The frame of the collector's code tells apart
   * failures thrown from one shared place (every database error leaves through the same native
   * call, every bad index through the same JDK check).
   */
  static String kindOf(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    StackTraceElement[] stack = root.getStackTrace();
    StringBuilder kind = new StringBuilder(root.getClass().getName());
    if (stack.length > 0) {
      kind.append(" at ").append(stack[0]);
    }
    for (StackTraceElement frame : stack) {
      if (frame.getClassName().startsWith("io.touchline.")) {
        kind.append(" from ").append(frame);
        break;
      }
    }
    return kind.toString();
  }
}

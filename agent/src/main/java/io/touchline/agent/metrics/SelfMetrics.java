package io.touchline.agent.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the agent counts about itself, process-wide (one agent per JVM): the parts that count do not
 * need to know who reads. Application threads only increment; reading is for the log and the MBean
 * ({@link AgentMetrics}).
 */
public final class SelfMetrics {

  private static final AtomicLong MATCHED_CLASSES = new AtomicLong();
  private static final Set<String> INSTRUMENTED_METHODS =
      java.util.Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>());
  private static final AtomicLong RATE_LIMITED = new AtomicLong();
  private static final AtomicLong CAPTURE_FAILURES = new AtomicLong();

  private SelfMetrics() {}

  /** A class was woven (or rewoven after a retransformation, which counts once more). */
  public static void classMatched() {
    MATCHED_CLASSES.incrementAndGet();
  }

  /** A method was given a touchpoint's advice; the same method twice counts once. */
  public static void methodInstrumented(String method) {
    INSTRUMENTED_METHODS.add(method);
  }

  /** A call was not recorded because its touchpoint reached its {@code maxPerSecond}. */
  public static void rateLimited() {
    RATE_LIMITED.incrementAndGet();
  }

  /** Reading a value threw, or a touchpoint's capture failed as a whole. */
  public static void captureFailed() {
    CAPTURE_FAILURES.incrementAndGet();
  }

  public static long matchedClasses() {
    return MATCHED_CLASSES.get();
  }

  public static long instrumentedMethods() {
    return INSTRUMENTED_METHODS.size();
  }

  public static long rateLimitedCalls() {
    return RATE_LIMITED.get();
  }

  public static long captureFailures() {
    return CAPTURE_FAILURES.get();
  }
}

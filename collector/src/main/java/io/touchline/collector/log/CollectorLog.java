package io.touchline.collector.log;

import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The collector's one way to say something: a line on stdout (what happened) or stderr (what went
 * wrong), each starting with {@code touchline collector:} so that an operator can grep the
 * collector's lines out of a shared log. Plain lines rather than a logging framework: the collector
 * says little, and an embedding application's logging setup must not change it.
 */
public final class CollectorLog {

  static final String PREFIX = "touchline collector: ";

  private static final Set<String> SAID_ONCE = ConcurrentHashMap.newKeySet();

  private CollectorLog() {}

  /** Something an operator may want to know: a start, an erasure, what retention deleted. */
  public static void info(String message) {
    print(System.out, PREFIX + message);
  }

  /** Something that went wrong and what the collector does about it. */
  public static void error(String message) {
    print(System.err, PREFIX + message);
  }

  /**
   * Something that works but is likely not what the operator wants (ports in clear beyond this
   * machine, a certificate about to expire): said at start, on stderr, as {@code warning: ...}.
   */
  public static void warning(String message) {
    print(System.err, PREFIX + "warning: " + message);
  }

  /**
   * Like {@link #error}, followed by the failure's stack trace: for what should never happen, so
   * that whoever reads the log can find where it did.
   */
  public static void error(String message, Throwable failure) {
    // Held for both, so that another thread's line cannot land inside the trace.
    synchronized (System.err) {
      print(System.err, PREFIX + message);
      failure.printStackTrace(System.err);
    }
  }

  /**
   * Like {@link #error}, but only the first time for {@code topic} until {@link #recovered} is
   * called for it: a failure that repeats with every commit must not flood the log.
   */
  public static void errorOnce(String topic, String message) {
    if (SAID_ONCE.add(topic)) {
      error(message);
    }
  }

  /**
   * The failure {@link #errorOnce} reported for {@code topic} is over; the next one is said again.
   */
  public static void recovered(String topic, String message) {
    if (SAID_ONCE.remove(topic)) {
      info(message);
    }
  }

  /**
   * Where a command of the jar (such as {@code check-rules}) prints its own report: stdout, as it
   * is, without the collector's prefix, since it is the command's answer rather than a log line.
   */
  public static PrintStream commandOutput() {
    return System.out;
  }

  /** Where a command of the jar prints what went wrong: stderr, as it is. */
  public static PrintStream commandErrors() {
    return System.err;
  }

  /** The line scripts wait for: {@code touchline collector ready: ...}. */
  public static void ready(String addresses) {
    print(System.out, "touchline collector ready: " + addresses);
  }

  private static void print(PrintStream stream, String line) {
    stream.println(line);
  }
}

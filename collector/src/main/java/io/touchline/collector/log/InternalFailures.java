package io.touchline.collector.log;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names a failure that is the collector's fault (a bug, an {@link Error}) with a request id, said
 * in the log with its stack trace and in the answer, so that a user's report of an answer leads to
 * the log entry about it. The answer carries only the id: what failed stays in the log. A failure
 * that repeats is not logged in full each time (see {@link RepeatedFailures}): its repeats name the
 * request id whose entry has the stack trace, and past a few a minute they are only counted.
 */
public final class InternalFailures {

  private static final RepeatedFailures REPEATS = new RepeatedFailures(System::nanoTime);

  private InternalFailures() {}

  /**
   * Logs {@code failure} under a new request id: with its stack trace the first time in a minute
   * that its kind is seen.
   *
   * @param what the request that failed, e.g. {@code API GET /api/stats}
   * @return the request id, for the answer
   */
  public static String report(String what, Throwable failure) {
    String id = newId();
    RepeatedFailures.Decision decision = REPEATS.decide(failure, id);
    switch (decision.verdict()) {
      case STACK -> {
        String unlogged =
            decision.unlogged() == 0
                ? ""
                : " ("
                    + decision.unlogged()
                    + " more like it in the minute before were not logged)";
        CollectorLog.error(what + " failed (request " + id + "): " + failure + unlogged, failure);
      }
      case LINE ->
          CollectorLog.error(
              what
                  + " failed (request "
                  + id
                  + "): "
                  + failure
                  + " (the same failure as request "
                  + decision.firstId()
                  + ", whose stack trace is logged)");
      case COUNTED -> {
        // Said with the next stack trace of this kind.
      }
    }
    return id;
  }

  /** 12 hex digits: unique enough to find one entry in a log, short enough to read out. */
  private static String newId() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

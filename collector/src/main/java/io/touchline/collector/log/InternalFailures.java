package io.touchline.collector.log;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Names a failure that is the collector's fault (a bug, an {@link Error}) with a request id, said
 * in the log with its stack trace and in the answer, so that a user's report of an answer leads to
 * the one log entry about it. The answer carries only the id: what failed stays in the log.
 */
public final class InternalFailures {

  private InternalFailures() {}

  /**
   * Logs {@code failure} once, with its stack trace, under a new request id.
   *
   * @param what the request that failed, e.g. {@code API GET /api/stats}
   * @return the request id, for the answer
   */
  public static String report(String what, Throwable failure) {
    String id = newId();
    CollectorLog.error(what + " failed (request " + id + "): " + failure, failure);
    return id;
  }

  /** 12 hex digits: unique enough to find one entry in a log, short enough to read out. */
  private static String newId() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

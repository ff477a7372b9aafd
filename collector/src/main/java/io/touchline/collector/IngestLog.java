package io.touchline.collector;

import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.log.CollectorLog;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One line a minute on standard output with what ingest did in that minute, so an operator tailing
 * the log sees at once whether spans arrive and whether any are refused.
 */
final class IngestLog {

  private final IngestCounters counters;
  private final LongSupplier queuedSpans;
  private long lastReceived;
  private long lastStored;
  private long lastRejected;

  IngestLog(IngestCounters counters, LongSupplier queuedSpans) {
    this.counters = counters;
    this.queuedSpans = queuedSpans;
  }

  void logMinute() {
    CollectorLog.info(minuteLine());
  }

  synchronized String minuteLine() {
    long received = counters.spansReceived();
    long stored = counters.touchpointsStored();
    long rejected = counters.spansRejectedTotal();
    String line =
        "last minute: "
            + (received - lastReceived)
            + " spans received, "
            + (stored - lastStored)
            + " touchpoints stored, "
            + (rejected - lastRejected)
            + " spans rejected; write queue "
            + queuedSpans.getAsLong()
            + " spans; since start: "
            + received
            + " received, "
            + stored
            + " stored"
            + reasons(counters.spansRejected());
    lastReceived = received;
    lastStored = stored;
    lastRejected = rejected;
    return line;
  }

  private static String reasons(Map<String, Long> rejected) {
    return rejected.isEmpty() ? "" : ", rejected " + rejected;
  }
}

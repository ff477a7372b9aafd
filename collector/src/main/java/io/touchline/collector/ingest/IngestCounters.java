package io.touchline.collector.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest figures since start, whatever the protocol: read by {@code /metrics} and by the
 * collector's log line once a minute.
 */
public final class IngestCounters {

  private final AtomicLong spansReceived = new AtomicLong();
  private final AtomicLong touchpointsStored = new AtomicLong();
  private final AtomicLong nonTouchpointSpans = new AtomicLong();
  private final AtomicLong undeclaredKeyAttributes = new AtomicLong();
  private final Map<String, AtomicLong> spansRejected = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> requestsRejected = new ConcurrentHashMap<>();

  /** A request was read and translated: every span in it counts as received. */
  void recordReceived(TranslatedBatch batch) {
    spansReceived.addAndGet(
        batch.touchpoints().size() + batch.nonTouchpointSpans() + batch.rejectedSpans());
    batch.rejectedByReason().forEach((reason, spans) -> count(spansRejected, reason, spans));
    undeclaredKeyAttributes.addAndGet(batch.undeclaredKeyAttributes());
  }

  /** The batch is durable and acknowledged. */
  void recordStored(TranslatedBatch batch) {
    touchpointsStored.addAndGet(batch.touchpoints().size());
    nonTouchpointSpans.addAndGet(batch.nonTouchpointSpans());
  }

  /** The batch was answered as retryable: its usable spans were not taken, for {@code reason}. */
  void recordRefused(String reason, TranslatedBatch batch) {
    count(spansRejected, reason, batch.touchpoints().size() + batch.nonTouchpointSpans());
  }

  /** A request that could not be read at all (bad body, too large, wrong content type, …). */
  public void recordRequestRejected(String reason) {
    count(requestsRejected, reason, 1);
  }

  private static void count(Map<String, AtomicLong> counters, String reason, long delta) {
    counters.computeIfAbsent(reason, r -> new AtomicLong()).addAndGet(delta);
  }

  public long spansReceived() {
    return spansReceived.get();
  }

  public long touchpointsStored() {
    return touchpointsStored.get();
  }

  /** {@code touchline.key.*} attributes of undeclared types, kept as plain attributes. */
  public long undeclaredKeyAttributes() {
    return undeclaredKeyAttributes.get();
  }

  public long nonTouchpointSpans() {
    return nonTouchpointSpans.get();
  }

  /**
   * Spans not stored, by reason: {@code invalid_span} or the span limit broken (reported as partial
   * success), {@code queue_full}, {@code store_error}, {@code store_failing}, …
   */
  public Map<String, Long> spansRejected() {
    return snapshot(spansRejected);
  }

  /** Requests refused before any span was read, by reason. */
  public Map<String, Long> requestsRejected() {
    return snapshot(requestsRejected);
  }

  public long spansRejectedTotal() {
    return spansRejected.values().stream().mapToLong(AtomicLong::get).sum();
  }

  private static Map<String, Long> snapshot(Map<String, AtomicLong> counters) {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((reason, count) -> copy.put(reason, count.get()));
    return copy;
  }
}

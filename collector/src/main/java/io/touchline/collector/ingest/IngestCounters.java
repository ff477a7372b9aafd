package io.touchline.collector.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Ingest figures since start, for the log line and later for {@code /metrics}. */
public final class IngestCounters {

  private final AtomicLong spansReceived = new AtomicLong();
  private final AtomicLong touchpointsAccepted = new AtomicLong();
  private final AtomicLong spansRejected = new AtomicLong();
  private final Map<Integer, AtomicLong> requestsRejected = new ConcurrentHashMap<>();

  void recordBatch(TranslatedBatch batch) {
    long spans = batch.touchpoints().size() + batch.nonTouchpointSpans() + batch.rejectedSpans();
    spansReceived.addAndGet(spans);
    touchpointsAccepted.addAndGet(batch.touchpoints().size());
    spansRejected.addAndGet(batch.rejectedSpans());
  }

  void recordRequestRejected(int status) {
    requestsRejected.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  public long spansReceived() {
    return spansReceived.get();
  }

  public long touchpointsAccepted() {
    return touchpointsAccepted.get();
  }

  public long spansRejected() {
    return spansRejected.get();
  }
}

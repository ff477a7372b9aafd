package io.touchline.collector.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.touchline.collector.commit.ListenerHealth;
import io.touchline.collector.ingest.IngestCounters;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The collector's own figures in the Prometheus text format, for {@code GET /metrics}. Counters are
 * read from where they are kept ({@link IngestCounters}, the write queue, the database file) when
 * scraped; only the latencies are recorded here.
 */
public final class CollectorMetrics {

  private static final double[] COMMIT_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };
  private static final double[] API_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5
  };

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private final Histogram commitSeconds;
  private final Histogram apiSeconds;

  /**
   * @param queuedSpans spans accepted and waiting for their commit
   * @param databaseBytes size of the database file and its write-ahead log
   */
  public CollectorMetrics(
      IngestCounters ingest, LongSupplier queuedSpans, LongSupplier databaseBytes) {
    CounterWithCallback.builder()
        .name("touchline_spans_received_total")
        .help("Spans read from OTLP requests, whatever became of them")
        .callback(callback -> callback.call(ingest.spansReceived()))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_touchpoints_stored_total")
        .help("Touchpoints committed to the store and acknowledged (retried duplicates included)")
        .callback(callback -> callback.call(ingest.touchpointsStored()))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_spans_not_touchpoints_total")
        .help("Spans acknowledged but not stored: neither a touchpoint name nor a usable key")
        .callback(callback -> callback.call(ingest.nonTouchpointSpans()))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_undeclared_key_attributes_total")
        .help(
            "touchline.key.* attributes of a key type collector.yaml does not declare: kept as plain"
                + " attributes, never stitched")
        .callback(callback -> callback.call(ingest.undeclaredKeyAttributes()))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_spans_rejected_total")
        .help(
            "Spans not stored, by reason: invalid_span or a span limit (event_time_out_of_range,"
                + " too_many_attributes, span_too_large, attribute_name_too_long,"
                + " attribute_value_too_long, too_many_key_values; reported as partial success),"
                + " queue_full, store_error, store_failing, commit_timeout, shutdown (answered as"
                + " retryable)")
        .labelNames("reason")
        .callback(
            callback ->
                ingest.spansRejected().forEach((reason, count) -> callback.call(count, reason)))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_otlp_requests_rejected_total")
        .help("OTLP requests refused before any span was read, by reason")
        .labelNames("reason")
        .callback(
            callback ->
                ingest.requestsRejected().forEach((reason, count) -> callback.call(count, reason)))
        .register(registry);
    GaugeWithCallback.builder()
        .name("touchline_write_queue_spans")
        .help("Spans accepted and waiting for their commit")
        .callback(callback -> callback.call(queuedSpans.getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("touchline_database_bytes")
        .help("Size of the database file and its write-ahead log")
        .callback(callback -> callback.call(databaseBytes.getAsLong()))
        .register(registry);
    commitSeconds =
        Histogram.builder()
            .name("touchline_commit_seconds")
            .help("Time of one group commit to the store")
            .classicOnly()
            .classicUpperBounds(COMMIT_BUCKETS)
            .register(registry);
    apiSeconds =
        Histogram.builder()
            .name("touchline_api_request_seconds")
            .help("Time to answer an API request, by route and status")
            .classicOnly()
            .classicUpperBounds(API_BUCKETS)
            .labelNames("route", "status")
            .register(registry);
  }

  /**
   * The commit listeners' health: {@code touchline_listener_up} (1 when up to date, 0 while rebuilt
   * or failed) and {@code touchline_listener_failures_total}, by listener.
   */
  public void registerListeners(Supplier<List<ListenerHealth>> health) {
    GaugeWithCallback.builder()
        .name("touchline_listener_up")
        .help(
            "1 when a listener of the store's commits (profile index, views' columns, live feed) is up to"
                + " date, 0 while it is rebuilt from the store or failed")
        .labelNames("listener")
        .callback(
            callback ->
                health
                    .get()
                    .forEach(
                        listener ->
                            callback.call(
                                listener.state() == ListenerHealth.State.OK ? 1 : 0,
                                listener.name())))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_listener_failures_total")
        .help("Commits and rebuilds a listener of the store's commits failed on")
        .labelNames("listener")
        .callback(
            callback ->
                health
                    .get()
                    .forEach(listener -> callback.call(listener.failures(), listener.name())))
        .register(registry);
  }

  /**
   * Whether the store writes: {@code touchline_store_up} (1 while commits succeed, 0 from a failed
   * commit until one succeeds; ingest is refused meanwhile) and {@code
   * touchline_store_write_failures_total}, {@code touchline_store_reopens_total}.
   */
  public void registerStorage(
      BooleanSupplier failing, LongSupplier writeFailures, LongSupplier reopens) {
    GaugeWithCallback.builder()
        .name("touchline_store_up")
        .help(
            "1 while the store commits, 0 from a failed commit (a full disk, say) until one succeeds;"
                + " OTLP ingest is answered 503 / UNAVAILABLE meanwhile")
        .callback(callback -> callback.call(failing.getAsBoolean() ? 0 : 1))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_store_write_failures_total")
        .help("Commits to the store that failed; none of their spans was acknowledged")
        .callback(callback -> callback.call(writeFailures.getAsLong()))
        .register(registry);
    CounterWithCallback.builder()
        .name("touchline_store_reopens_total")
        .help(
            "Times the database was closed and opened again after DuckDB gave it up (a checkpoint"
                + " that could not write the file)")
        .callback(callback -> callback.call(reopens.getAsLong()))
        .register(registry);
  }

  public void recordCommit(long nanos) {
    commitSeconds.observe(nanos / 1e9);
  }

  public void recordApiRequest(String route, int status, long nanos) {
    apiSeconds.labelValues(route, Integer.toString(status)).observe(nanos / 1e9);
  }

  public String contentType() {
    return writer.getContentType();
  }

  public void writeTo(OutputStream out) throws IOException {
    writer.write(out, registry.scrape());
  }
}

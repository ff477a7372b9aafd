package io.touchline.agent.export;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.ExportSettings;
import io.touchline.agent.log.AgentLog;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * Takes touchpoints from application threads and sends them as spans from one background thread.
 * The application thread only offers a small record to a bounded queue: it never builds a span,
 * never waits, and when the queue is full the touchpoint is dropped and counted. The exporter is
 * created on the background thread, so none of its set-up delays the application's start.
 */
public final class SpanPipeline {

  static final int MAX_BATCH = 512;

  /**
   * Up to 5 attempts with back-off from 1 s (the senders add jitter and honour Retry-After). I/O
   * errors are not retried once the JVM is stopping: a collector that is down must not hold the
   * application's exit.
   */
  static RetryPolicy retryPolicy(BooleanSupplier stopping) {
    return RetryPolicy.builder()
        .setMaxAttempts(5)
        .setInitialBackoff(Duration.ofSeconds(1))
        .setMaxBackoff(Duration.ofSeconds(5))
        .setBackoffMultiplier(2)
        .setRetryExceptionPredicate(e -> !stopping.getAsBoolean() && !(e instanceof SSLException))
        .build();
  }

  static final long DROP_REPORT_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final String SCOPE = "io.touchline.agent";

  private final BlockingQueue<TouchpointRecord> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final Supplier<SpanExporter> exporterFactory;
  private final AgentConfig config;
  private final Map<String, String> environment;
  // Built on the export thread with the exporter: OpenTelemetry's classes start
  // java.util.logging, which must not happen in premain (an application server may still
  // install its own LogManager).
  private Resource resource;
  private InstrumentationScopeInfo scope;
  private final long flushIntervalNanos;
  private final long exportTimeoutMillis;
  private final String description;
  private final TlsFailureReport tlsFailures;
  private final Thread worker;
  private final CountDownLatch stopped = new CountDownLatch(1);

  /**
   * Touchpoints queued, and those whose export has ended (sent or given up): flush() compares them.
   */
  private final AtomicLong accepted = new AtomicLong();

  private final AtomicLong settled = new AtomicLong();
  private final AtomicLong flushRequests = new AtomicLong();

  /** Spans the collector accepted. */
  private final AtomicLong exported = new AtomicLong();

  private volatile Runnable onExporterCreated = () -> {};
  private volatile boolean stopping;
  private long droppedReported;
  private long lastDropReport = System.nanoTime();

  private SpanPipeline(
      AgentConfig config,
      Map<String, String> environment,
      Supplier<SpanExporter> exporterFactory,
      String description) {
    ExportSettings settings = config.export();
    this.queue = new ArrayBlockingQueue<>(settings.queueSize());
    this.exporterFactory = exporterFactory;
    this.config = config;
    this.environment = environment;
    this.flushIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMillis());
    this.exportTimeoutMillis = settings.timeoutMillis();
    this.description = description;
    this.tlsFailures = new TlsFailureReport(settings);
    this.worker = new Thread(this::run, "touchline-export");
    this.worker.setDaemon(true); // never keeps the application's JVM alive
  }

  /** The pipeline to the configured OTLP/HTTP endpoint. */
  public static SpanPipeline start(AgentConfig config, Map<String, String> environment) {
    ExportSettings settings = config.export();
    HttpSenderSelection senders = HttpSenderSelection.forRunningJvm(settings.httpClient());
    if (settings.caCertificateFile() != null && !settings.usesTls()) {
      AgentLog.warn(
          "export.tls.caCertificate ("
              + settings.caCertificateFile()
              + ") is not used: the endpoint "
              + settings.endpoint()
              + " is plain http://");
    }
    AtomicReference<SpanPipeline> self = new AtomicReference<>();
    SpanPipeline pipeline =
        new SpanPipeline(
            config,
            environment,
            () -> {
              OtelLogBridge.install();
              return otlpExporter(settings, senders, retryPolicy(() -> self.get().stopping));
            },
            settings.tracesUrl() + " via " + senders.senderName() + trustDescription(settings));
    self.set(pipeline);
    pipeline.worker.start();
    return pipeline;
  }

  private static String trustDescription(ExportSettings settings) {
    if (!settings.usesTls()) {
      return "";
    }
    return settings.caCertificateFile() == null
        ? " (TLS, the JVM's default trust store)"
        : " (TLS, trusting the CA certificate(s) in " + settings.caCertificateFile() + ")";
  }

  /** A pipeline to any exporter; tests pass an in-memory one. */
  public static SpanPipeline start(
      AgentConfig config,
      Map<String, String> environment,
      Supplier<SpanExporter> exporter,
      String description) {
    SpanPipeline pipeline = new SpanPipeline(config, environment, exporter, description);
    pipeline.worker.start();
    return pipeline;
  }

  private static SpanExporter otlpExporter(
      ExportSettings settings, HttpSenderSelection senders, RetryPolicy retryPolicy) {
    // Short, so that a collector that cannot be reached leaves time for retries. The JDK client
    // counts the TLS handshake in it, and a cold JVM's first handshake on a busy machine can take
    // seconds: https gets more.
    long connectTimeoutMillis =
        Math.min(settings.timeoutMillis(), settings.usesTls() ? 5_000 : 2_000);
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setComponentLoader(senders)
            .setEndpoint(settings.tracesUrl())
            .setTimeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS)
            .setConnectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
            // The sender retries 429/502/503/504 and I/O errors with jittered back-off, honouring
            // the collector's Retry-After, all within the export timeout. At JVM exit nobody waits
            // for that: the shutdown hook waits export.shutdownTimeout at most.
            .setRetryPolicy(retryPolicy);
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    if (!settings.usesTls()) {
      try {
        builder.setSslContext(PlainHttpTls.context(), PlainHttpTls.TRUST_NOTHING);
      } catch (GeneralSecurityException e) {
        AgentLog.debug("no lightweight TLS context; the HTTP client builds its own: " + e);
      }
    } else if (!settings.caCertificates().isEmpty()) {
      CaTls tls;
      try {
        tls = CaTls.trusting(settings.caCertificates());
      } catch (GeneralSecurityException e) {
        // Never fall back to the JVM's default trust: the admin asked for this CA alone.
        throw new IllegalStateException(
            "cannot trust the CA certificates of " + settings.caCertificateFile() + ": " + e, e);
      }
      builder.setSslContext(tls.context(), tls.trustManager());
    }
    return builder.build();
  }

  /**
   * Called on the application's thread before anything is read: false when the queue is full, so a
   * touchpoint that would be dropped anyway costs no capture. Counts the drop.
   */
  public boolean hasRoom() {
    if (queue.remainingCapacity() > 0) {
      return true;
    }
    dropped.incrementAndGet();
    return false;
  }

  /**
   * Called on the application's thread: queues the touchpoint or, if the queue is full, drops it.
   */
  public void record(TouchpointRecord record) {
    if (queue.offer(record)) {
      accepted.incrementAndGet();
    } else {
      dropped.incrementAndGet();
    }
  }

  public String description() {
    return description;
  }

  public long droppedCount() {
    return dropped.get();
  }

  /** Touchpoint spans the collector accepted so far. */
  public long exportedCount() {
    return exported.get();
  }

  /**
   * Runs {@code action} on the export thread once the exporter exists — when the first touchpoint
   * has come, so the application is running by then.
   */
  public void onExporterCreated(Runnable action) {
    this.onExporterCreated = action;
  }

  private void run() {
    SpanExporter exporter = null;
    boolean exporterFailed = false;
    try {
      while (!stopping) {
        if (exporter == null) {
          // Created when the first touchpoint comes, not at start: the HTTP client's set-up
          // would otherwise compete with the application's own start for the CPU.
          if (queue.peek() == null) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WAIT_SLICE_NANOS));
            continue;
          }
          exporter = createExporter();
          if (exporter == null) {
            exporterFailed = true; // reported once; what is queued can never be sent
            return;
          }
        }
        List<TouchpointRecord> batch = nextBatch();
        if (batch.isEmpty()) {
          continue;
        }
        export(exporter, batch, exportTimeoutMillis);
        reportDrops(false);
      }
    } catch (Throwable e) {
      AgentLog.error("the export thread stopped; touchpoints will not be sent", e);
    } finally {
      if (exporter == null && !exporterFailed && !queue.isEmpty()) {
        exporter = createExporter(); // the application ended before its first export
      }
      if (exporter != null) {
        finalFlush(exporter);
      }
      stopped.countDown();
    }
  }

  private SpanExporter createExporter() {
    try {
      resource = ResourceFactory.create(config, environment);
      scope = InstrumentationScopeInfo.builder(SCOPE).setVersion(AgentVersion.get()).build();
      SpanExporter exporter = exporterFactory.get();
      try {
        onExporterCreated.run();
      } catch (Throwable e) {
        AgentLog.warn("after creating the span exporter: " + e);
      }
      return exporter;
    } catch (Throwable e) {
      AgentLog.error("could not create the span exporter; touchpoints will not be sent", e);
      return null;
    }
  }

  /**
   * Waits for a first touchpoint, then up to one flush interval for more, up to a full batch. Waits
   * in short slices and checks for shutdown between them: the thread is never interrupted, since an
   * interrupt during class loading would break the classes being loaded.
   */
  private List<TouchpointRecord> nextBatch() throws InterruptedException {
    List<TouchpointRecord> batch = new ArrayList<>();
    TouchpointRecord first = null;
    long idleDeadline = System.nanoTime() + flushIntervalNanos;
    while (first == null && !stopping && System.nanoTime() < idleDeadline) {
      first = queue.poll(WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS);
    }
    if (first == null) {
      return batch;
    }
    batch.add(first);
    long deadline = System.nanoTime() + flushIntervalNanos;
    while (batch.size() < MAX_BATCH && !stopping) {
      queue.drainTo(batch, MAX_BATCH - batch.size());
      long remaining = deadline - System.nanoTime();
      if (batch.size() >= MAX_BATCH || remaining <= 0 || flushRequests.get() > 0) {
        break;
      }
      TouchpointRecord next =
          queue.poll(Math.min(remaining, WAIT_SLICE_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next);
      }
    }
    return batch;
  }

  /**
   * Sends a batch (the sender retries within the timeout); a batch that fails is dropped and
   * counted.
   */
  private void export(SpanExporter exporter, List<TouchpointRecord> batch, long timeoutMillis) {
    List<SpanData> spans = toSpans(batch);
    try {
      // A little longer than the exporter's own timeout, which bounds its retries.
      CompletableResultCode result =
          exporter.export(spans).join(timeoutMillis + 1_000, TimeUnit.MILLISECONDS);
      if (result.isSuccess()) {
        exported.addAndGet(spans.size());
        tlsFailures.exportSucceeded();
      } else {
        dropped.addAndGet(spans.size());
        tlsFailures.exportFailed(result.getFailureThrowable());
      }
    } finally {
      settled.addAndGet(spans.size());
    }
  }

  private List<SpanData> toSpans(List<TouchpointRecord> batch) {
    List<SpanData> spans = new ArrayList<>(batch.size());
    for (TouchpointRecord record : batch) {
      spans.add(new TouchpointSpanData(record, resource, scope));
    }
    return spans;
  }

  /** At most one line a minute, so a dead collector cannot flood the application's stderr. */
  private void reportDrops(boolean now) {
    long total = dropped.get();
    long sinceReport = System.nanoTime() - lastDropReport;
    if (total > droppedReported && (now || sinceReport >= DROP_REPORT_INTERVAL_NANOS)) {
      AgentLog.warn(
          (total - droppedReported)
              + " touchpoint(s) dropped (export queue full or collector unreachable); "
              + total
              + " since start");
      droppedReported = total;
      lastDropReport = System.nanoTime();
    }
  }

  /**
   * One attempt for what is still queued; the JVM is stopping and must not wait on a dead
   * collector.
   */
  private void finalFlush(SpanExporter exporter) {
    try {
      List<TouchpointRecord> rest = new ArrayList<>();
      queue.drainTo(rest);
      for (int from = 0; from < rest.size(); from += MAX_BATCH) {
        List<TouchpointRecord> batch = rest.subList(from, Math.min(rest.size(), from + MAX_BATCH));
        export(exporter, batch, exportTimeoutMillis);
      }
      // No exporter.shutdown(): it waits for the HTTP client's threads, and the JVM is ending them.
    } catch (Throwable e) {
      // the JVM is going away; nothing more can be done
    }
    reportDrops(true);
  }

  /**
   * Waits until every touchpoint queued so far was sent or given up, at most {@code timeoutMillis}.
   */
  public boolean flush(long timeoutMillis) throws InterruptedException {
    long target = accepted.get();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    flushRequests.incrementAndGet();
    try {
      while (settled.get() < target) {
        if (System.nanoTime() >= deadline) {
          return false;
        }
        Thread.sleep(2);
      }
      return true;
    } finally {
      flushRequests.decrementAndGet();
    }
  }

  /**
   * Stops the export thread and sends what is left, giving up after {@code timeoutMillis}: called
   * from the JVM's shutdown hook, which must not hold the application's exit.
   */
  public void shutdown(long timeoutMillis) {
    stopping = true;
    try {
      if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
        AgentLog.warn("could not send every touchpoint before the JVM stopped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.touchline.agent.export;

import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.touchline.agent.AgentLog;
import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.ExportSettings;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The agent's own OpenTelemetry SDK, separate from any the application has: a tracer whose spans
 * go through a bounded batch queue to OTLP/HTTP on a background thread. When the queue is full,
 * spans are dropped rather than the application slowed.
 */
public final class SpanPipeline {

  private static final String INSTRUMENTATION_SCOPE = "io.touchline.agent";

  private final SdkTracerProvider tracerProvider;
  private final Tracer tracer;
  private final String description;

  private SpanPipeline(SdkTracerProvider tracerProvider, String description) {
    this.tracerProvider = tracerProvider;
    this.tracer = tracerProvider.get(INSTRUMENTATION_SCOPE, AgentVersion.get());
    this.description = description;
  }

  public static SpanPipeline start(AgentConfig config, Map<String, String> environment) {
    OtelLogBridge.install();
    ExportSettings settings = config.export();
    HttpSenderSelection senders = HttpSenderSelection.forRunningJvm();
    SpanExporter exporter = exporter(settings, senders);
    return start(config, environment, exporter, settings.tracesUrl() + " via " + senders.senderName());
  }

  /** Starts the pipeline with a given exporter; tests pass an in-memory one. */
  static SpanPipeline start(
      AgentConfig config, Map<String, String> environment, SpanExporter exporter, String target) {
    ExportSettings settings = config.export();
    BatchSpanProcessor processor =
        BatchSpanProcessor.builder(exporter)
            .setMaxQueueSize(settings.queueSize())
            .setMaxExportBatchSize(Math.min(512, settings.queueSize()))
            .setScheduleDelay(settings.flushIntervalMillis(), TimeUnit.MILLISECONDS)
            .setExporterTimeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS)
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(ResourceFactory.create(config, environment))
            .setSampler(Sampler.alwaysOn())
            .addSpanProcessor(processor)
            .build();
    return new SpanPipeline(provider, target);
  }

  private static SpanExporter exporter(ExportSettings settings, HttpSenderSelection senders) {
    OtlpHttpSpanExporterBuilder builder =
        OtlpHttpSpanExporter.builder()
            .setComponentLoader(senders)
            .setEndpoint(settings.tracesUrl())
            .setTimeout(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
    for (Map.Entry<String, String> header : settings.headers().entrySet()) {
      builder.addHeader(header.getKey(), header.getValue());
    }
    return builder.build();
  }

  public Tracer tracer() {
    return tracer;
  }

  /** Where spans go, for the start-up line (no secrets: headers are not shown). */
  public String description() {
    return description;
  }

  /** Sends what is queued and stops; called from the JVM's shutdown hook. */
  public void shutdown(long timeoutMillis) {
    CompletableResultCode result = tracerProvider.shutdown();
    result.join(timeoutMillis, TimeUnit.MILLISECONDS);
    if (!result.isSuccess()) {
      AgentLog.warn("could not send every touchpoint before the JVM stopped");
    }
  }

  /** Waits until queued spans are exported; for tests. */
  void flush(long timeoutMillis) {
    tracerProvider.forceFlush().join(timeoutMillis, TimeUnit.MILLISECONDS);
  }
}

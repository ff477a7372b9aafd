package io.touchline.collector.ingest;

import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OTLP trace service without its transport: translate a request, hand it to the store, and
 * answer only once it is durable. OTLP/HTTP (protobuf and JSON) and OTLP/gRPC all call this, so
 * every protocol stores and answers alike.
 */
public final class TraceIngest {

  private final SpanTranslator translator;
  private final TouchpointSink sink;
  private final IngestCounters counters;
  private final Duration commitTimeout;

  public TraceIngest(
      SpanTranslator translator,
      TouchpointSink sink,
      IngestCounters counters,
      Duration commitTimeout) {
    this.translator = translator;
    this.sink = sink;
    this.counters = counters;
    this.commitTimeout = commitTimeout;
  }

  /**
   * Stores the request's touchpoints and returns the OTLP answer: empty, or a partial success
   * naming the spans that could not be used.
   *
   * @throws IngestUnavailableException when nothing was acknowledged and the sender should retry
   */
  public ExportTraceServiceResponse export(ExportTraceServiceRequest request)
      throws IngestUnavailableException {
    TranslatedBatch batch = translator.translate(request);
    counters.recordReceived(batch);
    try {
      sink.submit(batch).get(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (SinkFullException e) {
      counters.recordRefused("queue_full", batch);
      throw new IngestUnavailableException(e.getMessage(), 1, e);
    } catch (SinkFailingException e) {
      throw storageFailing(e, batch);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof SinkFailingException failing) {
        throw storageFailing(failing, batch);
      }
      counters.recordRefused("store_error", batch);
      throw new IngestUnavailableException(
          "could not store the batch: " + cause.getMessage(), 5, cause);
    } catch (TimeoutException e) {
      // It may still commit: a retry is then a duplicate, which the store ignores.
      counters.recordRefused("commit_timeout", batch);
      throw new IngestUnavailableException(
          "the batch was not committed within " + commitTimeout.toMillis() + " ms", 5, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.recordRefused("shutdown", batch);
      throw new IngestUnavailableException("the collector is shutting down", 5, e);
    }
    counters.recordStored(batch);
    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
    if (batch.rejectedSpans() > 0) {
      response.setPartialSuccess(
          ExportTracePartialSuccess.newBuilder()
              .setRejectedSpans(batch.rejectedSpans())
              .setErrorMessage(batch.rejectionMessage()));
    }
    return response.build();
  }

  /** Refused without an attempt: the storage failed a moment ago and waits before the next. */
  private IngestUnavailableException storageFailing(SinkFailingException e, TranslatedBatch batch) {
    counters.recordRefused("store_failing", batch);
    return new IngestUnavailableException(e.getMessage(), e.retryAfterSeconds(), e);
  }

  public IngestCounters counters() {
    return counters;
  }
}

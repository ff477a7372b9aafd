package io.touchline.agent.instrument;

import io.touchline.agent.capture.CapturedValues;
import io.touchline.agent.capture.Invocation;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.export.SpanPipeline;
import io.touchline.agent.export.TouchpointRecord;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.metrics.SelfMetrics;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records one finished call of one touchpoint: capture on this thread, everything else later. */
final class TouchpointHandler {

  private final TouchpointDefinition definition;
  private final String configVersion;
  private final SpanPipeline pipeline;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  /** Null when the touchpoint has no {@code maxPerSecond}. */
  private final RateCap rateCap;

  TouchpointHandler(TouchpointDefinition definition, String configVersion, SpanPipeline pipeline) {
    this.definition = definition;
    this.configVersion = configVersion;
    this.pipeline = pipeline;
    this.rateCap = definition.maxPerSecond() > 0 ? new RateCap(definition.maxPerSecond()) : null;
  }

  /**
   * A call returned a future: the touchpoint is the call and the work it started, so it is recorded
   * when the future completes, with the completed value as {@code return} (or its failure as the
   * exception). A future that never completes records nothing.
   */
  void awaitCompletion(
      String function,
      SpanIds ids,
      long startNanos,
      Object self,
      Object[] args,
      CompletionStage<?> future) {
    future.whenComplete(
        (value, error) ->
            TouchpointDispatch.completed(
                this, function, ids, startNanos, self, args, value, unwrap(error)));
  }

  private static Throwable unwrap(Throwable error) {
    if ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      return error.getCause();
    }
    return error;
  }

  /**
   * One finished call; its span's ids come as numbers, so a call that does not count allocates
   * nothing.
   */
  void record(
      String function,
      long traceHigh,
      long traceLow,
      long spanId,
      long parentSpanId,
      long startNanos,
      long endNanos,
      Object self,
      Object[] args,
      Object returned,
      Throwable thrown) {
    // The cheap checks first: a call that does not count, or would be dropped, reads nothing.
    if (!definition.when().test(returned, thrown)) {
      return;
    }
    if (rateCap != null && !rateCap.tryAcquire(endNanos)) {
      SelfMetrics.rateLimited();
      return;
    }
    if (!pipeline.hasRoom()) {
      return;
    }
    Invocation invocation = new Invocation(self, args, returned, thrown);
    function = readable(function);
    CapturedValues values = definition.capture().capture(invocation);
    pipeline.record(
        new TouchpointRecord(
            definition.name(),
            configVersion,
            definition.channel(),
            function,
            startNanos,
            endNanos,
            values,
            invocation.thrown(),
            traceHigh,
            traceLow,
            spanId,
            parentSpanId));
  }

  /** The last method name seen at a JDK proxy, and what it reads as: a proxy's methods are few. */
  private volatile String[] proxyName = {"", ""};

  /**
   * {@code jdk.proxy2.$Proxy12.findByEmail} means nothing to an analyst: a call recorded at a JDK
   * proxy is named after the interface the touchpoint selects ({@code subtypeOf}) when it has one.
   */
  private String readable(String function) {
    int dot = function.lastIndexOf('.');
    if (definition.subtypeOf() == null
        || dot < 0
        || !function.startsWith("$Proxy", function.lastIndexOf('.', dot - 1) + 1)) {
      return function;
    }
    String[] known = proxyName;
    if (known[0].equals(function)) {
      return known[1];
    }
    String renamed = definition.subtypeOf() + function.substring(dot);
    proxyName = new String[] {function, renamed};
    return renamed;
  }

  /** Logs the first failure of a touchpoint only: a broken capture must not flood stderr. */
  static void reportFailure(TouchpointHandler handler, Throwable error) {
    SelfMetrics.captureFailed();
    if (handler.failureReported.compareAndSet(false, true)) {
      AgentLog.warn(
          "touchpoint '" + handler.definition.name() + "' failed and was skipped (reported once)",
          error);
    }
  }
}

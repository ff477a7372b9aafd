package io.touchline.agent.instrument;

import io.touchline.agent.AgentLog;
import io.touchline.agent.capture.CapturedValues;
import io.touchline.agent.capture.Invocation;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.export.SpanPipeline;
import io.touchline.agent.export.TouchpointRecord;
import io.touchline.agent.metrics.SelfMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records one finished call of one touchpoint: capture on this thread, everything else later. */
final class TouchpointHandler {

  private final TouchpointDefinition definition;
  private final SpanPipeline pipeline;
  private final AtomicBoolean failureReported = new AtomicBoolean();
  /** Null when the touchpoint has no {@code maxPerSecond}. */
  private final RateCap rateCap;

  TouchpointHandler(TouchpointDefinition definition, SpanPipeline pipeline) {
    this.definition = definition;
    this.pipeline = pipeline;
    this.rateCap = definition.maxPerSecond() > 0 ? new RateCap(definition.maxPerSecond()) : null;
  }

  void handle(
      String function,
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
    CapturedValues values = definition.capture().capture(invocation);
    pipeline.record(
        new TouchpointRecord(
            definition.name(),
            definition.channel(),
            function,
            startNanos,
            endNanos,
            values,
            invocation.thrown()));
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

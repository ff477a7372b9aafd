package io.touchline.agent.instrument;

import io.touchline.agent.AgentLog;
import io.touchline.agent.capture.CapturedValues;
import io.touchline.agent.capture.Invocation;
import io.touchline.agent.config.TouchpointDefinition;
import io.touchline.agent.export.TouchpointSpans;
import java.util.concurrent.atomic.AtomicBoolean;

/** Turns one finished call of one touchpoint into a span. */
final class TouchpointHandler {

  private final TouchpointDefinition definition;
  private final TouchpointSpans spans;
  private final AtomicBoolean failureReported = new AtomicBoolean();

  TouchpointHandler(TouchpointDefinition definition, TouchpointSpans spans) {
    this.definition = definition;
    this.spans = spans;
  }

  void handle(String function, long startNanos, long endNanos, Invocation invocation) {
    CapturedValues values = definition.capture().capture(invocation);
    spans.emit(
        definition.name(),
        definition.channel(),
        function,
        startNanos,
        endNanos,
        values,
        invocation.thrown());
  }

  /** Logs the first failure of a touchpoint only: a broken capture must not flood stderr. */
  static void reportFailure(TouchpointHandler handler, Throwable error) {
    if (handler.failureReported.compareAndSet(false, true)) {
      AgentLog.warn(
          "touchpoint '" + handler.definition.name() + "' failed and was skipped (reported once)",
          error);
    }
  }
}

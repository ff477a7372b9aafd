package io.touchline.agent.instrument;

/**
 * The ids of a call that returned a future, kept until the future completes (drawn when the call
 * was entered).
 */
final class SpanIds {

  final long traceHigh;
  final long traceLow;
  final long spanId;

  /** The enclosing touchpoint call's span, or 0 when there is none. */
  final long parentSpanId;

  SpanIds(long traceHigh, long traceLow, long spanId, long parentSpanId) {
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
  }
}

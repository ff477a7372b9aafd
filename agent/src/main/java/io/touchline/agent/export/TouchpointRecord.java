package io.touchline.agent.export;

import io.touchline.agent.capture.CapturedValues;

/**
 * One finished call of a touchpoint, as recorded on the application's thread: only what was
 * captured, the two timestamps and the span's ids as numbers. Everything costly (the ids' hex,
 * attributes, the exception event, the span itself) is built later on the export thread.
 */
public final class TouchpointRecord {

  final String touchpoint;

  /** The version of the config that recorded it: a reload changes it while the JVM runs. */
  final String configVersion;

  final String channelOverride;
  final String function;
  final long startNanos;
  final long endNanos;
  final CapturedValues values;
  final Throwable thrown;
  final long traceHigh;
  final long traceLow;
  final long spanId;

  /** The enclosing touchpoint call's span on the same thread, or 0. */
  final long parentSpanId;

  public TouchpointRecord(
      String touchpoint,
      String configVersion,
      String channelOverride,
      String function,
      long startNanos,
      long endNanos,
      CapturedValues values,
      Throwable thrown,
      long traceHigh,
      long traceLow,
      long spanId,
      long parentSpanId) {
    this.touchpoint = touchpoint;
    this.configVersion = configVersion;
    this.channelOverride = channelOverride;
    this.function = function;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.values = values;
    this.thrown = thrown;
    this.traceHigh = traceHigh;
    this.traceLow = traceLow;
    this.spanId = spanId;
    this.parentSpanId = parentSpanId;
  }
}

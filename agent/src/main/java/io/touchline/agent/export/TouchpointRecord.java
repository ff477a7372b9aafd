package io.touchline.agent.export;

import io.touchline.agent.capture.CapturedValues;

/**
 * One finished call of a touchpoint, as recorded on the application's thread: only what was
 * captured and the two timestamps. Everything costly (ids, attributes, the exception event, the
 * span itself) is built later on the export thread.
 */
public final class TouchpointRecord {

  final String touchpoint;
  final String channelOverride;
  final String function;
  final long startNanos;
  final long endNanos;
  final CapturedValues values;
  final Throwable thrown;

  public TouchpointRecord(
      String touchpoint,
      String channelOverride,
      String function,
      long startNanos,
      long endNanos,
      CapturedValues values,
      Throwable thrown) {
    this.touchpoint = touchpoint;
    this.channelOverride = channelOverride;
    this.function = function;
    this.startNanos = startNanos;
    this.endNanos = endNanos;
    this.values = values;
    this.thrown = thrown;
  }
}

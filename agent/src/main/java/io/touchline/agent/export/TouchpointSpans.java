package io.touchline.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.touchline.agent.capture.CapturedValues;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes one touchpoint as one span, following the span contract: name, {@code
 * touchline.touchpoint}, outcome, {@code code.function.name}, config version, {@code
 * touchline.key.<type>} and the captured attributes.
 */
public final class TouchpointSpans {

  static final AttributeKey<String> TOUCHPOINT = AttributeKey.stringKey("touchline.touchpoint");
  static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("touchline.channel");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("touchline.outcome");
  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> CONFIG_VERSION =
      AttributeKey.stringKey("touchline.config.version");
  static final String KEY_PREFIX = "touchline.key.";

  private final Tracer tracer;
  private final String configVersion;

  public TouchpointSpans(Tracer tracer, String configVersion) {
    this.tracer = tracer;
    this.configVersion = configVersion;
  }

  /** One finished call; times are epoch nanoseconds. */
  public void emit(
      String touchpoint,
      String channelOverride,
      String function,
      long startNanos,
      long endNanos,
      CapturedValues values,
      Throwable thrown) {
    SpanBuilder builder =
        tracer
            .spanBuilder(touchpoint)
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(startNanos, TimeUnit.NANOSECONDS)
            .setAttribute(TOUCHPOINT, touchpoint)
            .setAttribute(OUTCOME, thrown == null ? "success" : "error")
            .setAttribute(FUNCTION, function)
            .setAttribute(CONFIG_VERSION, configVersion);
    if (channelOverride != null) {
      builder.setAttribute(CHANNEL, channelOverride);
    }
    for (Map.Entry<String, List<String>> key : values.keys().entrySet()) {
      List<String> keyValues = key.getValue();
      if (keyValues.size() == 1) {
        builder.setAttribute(AttributeKey.stringKey(KEY_PREFIX + key.getKey()), keyValues.get(0));
      } else {
        builder.setAttribute(AttributeKey.stringArrayKey(KEY_PREFIX + key.getKey()), keyValues);
      }
    }
    for (Map.Entry<String, Object> attribute : values.attributes().entrySet()) {
      setTyped(builder, attribute.getKey(), attribute.getValue());
    }
    Span span = builder.startSpan();
    if (thrown != null) {
      span.recordException(thrown);
      span.setStatus(StatusCode.ERROR, thrown.getClass().getName());
    }
    span.end(endNanos, TimeUnit.NANOSECONDS);
  }

  private static void setTyped(SpanBuilder builder, String name, Object value) {
    if (value instanceof Boolean) {
      builder.setAttribute(AttributeKey.booleanKey(name), (Boolean) value);
    } else if (value instanceof Long) {
      builder.setAttribute(AttributeKey.longKey(name), (Long) value);
    } else if (value instanceof Double) {
      builder.setAttribute(AttributeKey.doubleKey(name), (Double) value);
    } else {
      builder.setAttribute(AttributeKey.stringKey(name), String.valueOf(value));
    }
  }
}

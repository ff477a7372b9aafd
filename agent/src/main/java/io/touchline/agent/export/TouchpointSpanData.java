package io.touchline.agent.export;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.common.InstrumentationLibraryInfo;
import io.opentelemetry.sdk.common.InstrumentationScopeInfo;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A touchpoint as finished span data, following the span contract: name, {@code
 * touchline.touchpoint}, outcome, {@code code.function.name}, config version, {@code
 * touchline.key.<type>} and the captured attributes; an exception event and status ERROR when the
 * method threw. Built on the export thread from a {@link TouchpointRecord}.
 */
final class TouchpointSpanData implements SpanData {

  static final AttributeKey<String> TOUCHPOINT = AttributeKey.stringKey("touchline.touchpoint");
  static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("touchline.channel");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("touchline.outcome");
  static final AttributeKey<String> FUNCTION = AttributeKey.stringKey("code.function.name");
  static final AttributeKey<String> CONFIG_VERSION =
      AttributeKey.stringKey("touchline.config.version");
  static final String KEY_PREFIX = "touchline.key.";

  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");
  private static final AttributeKey<String> EXCEPTION_STACKTRACE =
      AttributeKey.stringKey("exception.stacktrace");

  private final TouchpointRecord record;
  private final SpanContext context;
  private final SpanContext parent;
  private final Attributes attributes;
  private final List<EventData> events;
  private final Resource resource;
  private final InstrumentationScopeInfo scope;

  TouchpointSpanData(TouchpointRecord record, Resource resource, InstrumentationScopeInfo scope) {
    this.record = record;
    String traceId = TraceId.fromLongs(record.traceHigh, record.traceLow);
    this.context =
        SpanContext.create(
            traceId,
            SpanId.fromLong(record.spanId),
            TraceFlags.getSampled(),
            TraceState.getDefault());
    this.parent =
        record.parentSpanId == 0
            ? SpanContext.getInvalid()
            : SpanContext.create(
                traceId,
                SpanId.fromLong(record.parentSpanId),
                TraceFlags.getSampled(),
                TraceState.getDefault());
    this.attributes = attributes(record);
    this.events =
        record.thrown == null
            ? Collections.<EventData>emptyList()
            : Collections.singletonList(exceptionEvent(record.thrown, record.endNanos));
    this.resource = resource;
    this.scope = scope;
  }

  private static Attributes attributes(TouchpointRecord record) {
    AttributesBuilder builder =
        Attributes.builder()
            .put(TOUCHPOINT, record.touchpoint)
            .put(OUTCOME, record.thrown == null ? "success" : "error")
            .put(FUNCTION, record.function)
            .put(CONFIG_VERSION, record.configVersion);
    if (record.channelOverride != null) {
      builder.put(CHANNEL, record.channelOverride);
    }
    for (Map.Entry<String, List<String>> key : record.values.keys().entrySet()) {
      List<String> values = key.getValue();
      if (values.size() == 1) {
        builder.put(AttributeKey.stringKey(KEY_PREFIX + key.getKey()), values.get(0));
      } else {
        builder.put(AttributeKey.stringArrayKey(KEY_PREFIX + key.getKey()), values);
      }
    }
    for (Map.Entry<String, Object> attribute : record.values.attributes().entrySet()) {
      Object value = attribute.getValue();
      String name = attribute.getKey();
      if (value instanceof Boolean) {
        builder.put(AttributeKey.booleanKey(name), (Boolean) value);
      } else if (value instanceof Long) {
        builder.put(AttributeKey.longKey(name), (Long) value);
      } else if (value instanceof Double) {
        builder.put(AttributeKey.doubleKey(name), (Double) value);
      } else {
        builder.put(AttributeKey.stringKey(name), String.valueOf(value));
      }
    }
    return builder.build();
  }

  private static EventData exceptionEvent(Throwable thrown, long atNanos) {
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    AttributesBuilder exception =
        Attributes.builder()
            .put(EXCEPTION_TYPE, thrown.getClass().getName())
            .put(EXCEPTION_STACKTRACE, trace.toString());
    if (thrown.getMessage() != null) {
      exception.put(EXCEPTION_MESSAGE, thrown.getMessage());
    }
    return EventData.create(atNanos, "exception", exception.build());
  }

  @Override
  public String getName() {
    return record.touchpoint;
  }

  @Override
  public SpanKind getKind() {
    return SpanKind.INTERNAL;
  }

  @Override
  public SpanContext getSpanContext() {
    return context;
  }

  @Override
  public SpanContext getParentSpanContext() {
    return parent;
  }

  @Override
  public StatusData getStatus() {
    return record.thrown == null
        ? StatusData.unset()
        : StatusData.create(StatusCode.ERROR, record.thrown.getClass().getName());
  }

  @Override
  public long getStartEpochNanos() {
    return record.startNanos;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public List<EventData> getEvents() {
    return events;
  }

  @Override
  public List<LinkData> getLinks() {
    return Collections.emptyList();
  }

  @Override
  public long getEndEpochNanos() {
    return record.endNanos;
  }

  @Override
  public boolean hasEnded() {
    return true;
  }

  @Override
  public int getTotalRecordedEvents() {
    return events.size();
  }

  @Override
  public int getTotalRecordedLinks() {
    return 0;
  }

  @Override
  public int getTotalAttributeCount() {
    return attributes.size();
  }

  @Override
  @Deprecated
  public InstrumentationLibraryInfo getInstrumentationLibraryInfo() {
    return InstrumentationLibraryInfo.create(scope.getName(), scope.getVersion());
  }

  @Override
  public InstrumentationScopeInfo getInstrumentationScopeInfo() {
    return scope;
  }

  @Override
  public Resource getResource() {
    return resource;
  }
}

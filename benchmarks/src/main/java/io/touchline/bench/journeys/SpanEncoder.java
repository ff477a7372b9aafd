package io.touchline.bench.journeys;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a generated interaction's spans as the agent's OTLP exporter does: kind INTERNAL, flags
 * sampled, attributes in key order (the SDK keeps them sorted), a key of several values as an
 * array, an exception event and status ERROR for a method that threw, a nested touchpoint as a
 * child in its parent's trace; the spans in the order they ended, as the agent queues them.
 */
final class SpanEncoder {

  /** TraceFlags sampled (0x01) with "has is-remote" (0x100): what the exporter writes. */
  private static final int FLAGS = 0x101;

  private static final String KEY_PREFIX = "touchline.key.";

  private final AgentResources agents;
  private final Ids ids;

  /** Marks a span as generated history. */
  public static final String GENERATED = "demo.generated";

  SpanEncoder(AgentResources agents, long seed) {
    this.agents = agents;
    this.ids = new Ids(seed);
  }

  List<Span> encode(GeneratedInteraction interaction) {
    List<Span> spans = new ArrayList<>(interaction.spans().size());
    ByteString traceId = null;
    ByteString rootId = null;
    for (GeneratedSpan span : interaction.spans()) {
      ByteString spanId = ids.nextSpanId();
      Span.Builder built =
          Span.newBuilder()
              .setSpanId(spanId)
              .setName(span.name())
              .setKind(Span.SpanKind.SPAN_KIND_INTERNAL)
              .setStartTimeUnixNano(span.startNanos())
              .setEndTimeUnixNano(span.endNanos())
              .setFlags(FLAGS);
      if (span.nested() && rootId != null) {
        built.setTraceId(traceId).setParentSpanId(rootId);
      } else {
        traceId = ids.nextTraceId();
        rootId = spanId;
        built.setTraceId(traceId);
      }
      attributes(interaction, span)
          .forEach((key, value) -> built.addAttributes(keyValue(key, value)));
      if (span.failed()) {
        built
            .addEvents(exceptionEvent(span))
            .setStatus(
                Status.newBuilder()
                    .setCode(Status.StatusCode.STATUS_CODE_ERROR)
                    .setMessage(span.failure().type()));
      } else {
        built.setStatus(Status.getDefaultInstance());
      }
      spans.add(built.build());
    }
    spans.sort(Comparator.comparingLong(Span::getEndTimeUnixNano));
    return spans;
  }

  private Map<String, Object> attributes(GeneratedInteraction interaction, GeneratedSpan span) {
    Map<String, Object> all = new TreeMap<>(span.attributes());
    all.put("touchline.touchpoint", span.name());
    all.put("touchline.outcome", span.failed() ? "error" : "success");
    all.put("code.function.name", span.function());
    all.put("touchline.config.version", agents.configVersion(interaction.app()));
    all.put("demo.interaction", interaction.id());
    // The one attribute no agent writes: it tells the generated history from what the agents
    // recorded live (the UI says which is which; SpanShapes leaves it out of the comparison).
    all.put(GENERATED, Boolean.TRUE);
    span.keys()
        .forEach(
            (type, values) ->
                all.put(KEY_PREFIX + type, values.size() == 1 ? values.get(0) : values));
    return all;
  }

  private static Span.Event exceptionEvent(GeneratedSpan span) {
    Map<String, Object> attributes = new TreeMap<>();
    attributes.put("exception.type", span.failure().type());
    attributes.put("exception.message", span.failure().message());
    attributes.put("exception.stacktrace", span.failure().stackTrace());
    Span.Event.Builder event =
        Span.Event.newBuilder().setTimeUnixNano(span.endNanos()).setName("exception");
    attributes.forEach((key, value) -> event.addAttributes(keyValue(key, value)));
    return event.build();
  }

  private static KeyValue keyValue(String key, Object value) {
    return KeyValue.newBuilder().setKey(key).setValue(anyValue(value)).build();
  }

  private static AnyValue anyValue(Object value) {
    AnyValue.Builder any = AnyValue.newBuilder();
    if (value instanceof String text) {
      any.setStringValue(text);
    } else if (value instanceof Long number) {
      any.setIntValue(number);
    } else if (value instanceof Double number) {
      any.setDoubleValue(number);
    } else if (value instanceof Boolean flag) {
      any.setBoolValue(flag);
    } else if (value instanceof List<?> list) {
      ArrayValue.Builder array = ArrayValue.newBuilder();
      list.forEach(item -> array.addValues(anyValue(item)));
      any.setArrayValue(array);
    } else {
      throw new IllegalArgumentException(
          "an agent attribute is a String, Long, Double, Boolean or list, not " + value.getClass());
    }
    return any.build();
  }
}

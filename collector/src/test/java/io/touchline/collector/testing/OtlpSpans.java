package io.touchline.collector.testing;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/** OTLP protobuf spans and requests, built by hand for tests that need exact bytes and ids. */
public final class OtlpSpans {

  public static final long START_NANOS = 1_700_000_000_123_456_789L;

  private int nextId = 1;

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static KeyValue attribute(String key, String... values) {
    ArrayValue.Builder array = ArrayValue.newBuilder();
    for (String value : values) {
      array.addValues(AnyValue.newBuilder().setStringValue(value));
    }
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setArrayValue(array))
        .build();
  }

  /** A span with fresh, valid ids, starting at {@link #START_NANOS}. */
  public Span.Builder span(String name, KeyValue... attributes) {
    int id = nextId++;
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    trace[14] = (byte) (id >> 8);
    trace[15] = (byte) id;
    span[7] = (byte) id;
    return Span.newBuilder()
        .setName(name)
        .setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(span))
        .setStartTimeUnixNano(START_NANOS)
        .setEndTimeUnixNano(START_NANOS + 1_000_000)
        .addAllAttributes(List.of(attributes));
  }

  public static ExportTraceServiceRequest request(List<KeyValue> resource, Span... spans) {
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAllAttributes(resource))
                .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
        .build();
  }
}

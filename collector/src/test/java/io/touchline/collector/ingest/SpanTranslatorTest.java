package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpanTranslatorTest {

  private final SpanTranslator translator = new SpanTranslator(KeyTypes.defaults());
  private int nextId = 1;

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
  }

  private Span.Builder span(String name, KeyValue... attributes) {
    byte[] trace = new byte[16];
    byte[] spanId = new byte[8];
    trace[15] = (byte) nextId;
    spanId[7] = (byte) nextId++;
    return Span.newBuilder()
        .setName(name)
        .setTraceId(ByteString.copyFrom(trace))
        .setSpanId(ByteString.copyFrom(spanId))
        .setStartTimeUnixNano(1_700_000_000_123_456_789L)
        .addAllAttributes(List.of(attributes));
  }

  private static TranslatedBatch translate(SpanTranslator translator, List<KeyValue> resource, Span... spans) {
    return translator.translate(
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder().addAllAttributes(resource))
                    .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
            .build());
  }

  @Test
  void readsTheSpanContract() {
    TranslatedBatch batch =
        translate(
            translator,
            List.of(attribute("service.name", "web-shop"), attribute("touchline.channel", "web")),
            span("cart.add", attribute("touchline.touchpoint", "cart.add"), attribute("touchline.key.session", " s-1 "),
                    attribute("code.function.name", "com.acme.Cart.add"))
                .build());

    Touchpoint touchpoint = batch.touchpoints().get(0);
    assertThat(touchpoint.touchpoint()).isEqualTo("cart.add");
    assertThat(touchpoint.channel()).isEqualTo("web");
    assertThat(touchpoint.service()).isEqualTo("web-shop");
    assertThat(touchpoint.outcome()).isEqualTo("success");
    assertThat(touchpoint.eventTimeNanos()).isEqualTo(1_700_000_000_123_456_789L);
    assertThat(touchpoint.keys()).containsExactly(java.util.Map.entry("session", List.of("s-1")));
    assertThat(touchpoint.attributes()).containsEntry("code.function.name", "com.acme.Cart.add");
    assertThat(touchpoint.traceId()).hasSize(32).endsWith("01");
    assertThat(touchpoint.spanId()).hasSize(16);
  }

  @Test
  void mapsStandardUserAttributesToKeys() {
    TranslatedBatch batch =
        translate(
            translator,
            List.of(attribute("service.name", "app")),
            span("POST /login", attribute("user.id", "C-1"), attribute("user.email", "A@B.io"), attribute("session.id", "s"))
                .build());

    Touchpoint touchpoint = batch.touchpoints().get(0);
    assertThat(touchpoint.touchpoint()).isEqualTo("POST /login");
    assertThat(touchpoint.channel()).isEqualTo("app"); // no channel anywhere: the service name
    assertThat(touchpoint.keys().keySet()).containsExactly("customer_id", "email", "session");
    assertThat(touchpoint.keys().get("email")).containsExactly("a@b.io");
  }

  @Test
  void errorStatusMeansErrorOutcomeUnlessTheSpanSaysOtherwise() {
    TranslatedBatch batch =
        translate(
            translator,
            List.of(),
            span("pay", attribute("touchline.key.customer_id", "C-1"))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .build());
    assertThat(batch.touchpoints().get(0).outcome()).isEqualTo("error");
  }

  @Test
  void spansWithoutNameOrKeyAreCountedNotKept() {
    TranslatedBatch batch = translate(translator, List.of(), span("GET /health").build());
    assertThat(batch.touchpoints()).isEmpty();
    assertThat(batch.nonTouchpointSpans()).isEqualTo(1);
  }

  @Test
  void rejectsSpansWithInvalidIds() {
    Span zeroTrace = span("x", attribute("touchline.touchpoint", "x")).setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span shortSpan = span("y", attribute("touchline.touchpoint", "y")).setSpanId(ByteString.copyFrom(new byte[3])).build();
    TranslatedBatch batch = translate(translator, List.of(), zeroTrace, shortSpan, span("z", attribute("touchline.touchpoint", "z")).build());
    assertThat(batch.rejectedSpans()).isEqualTo(2);
    assertThat(batch.rejectionMessage()).startsWith("2 span(s) rejected");
    assertThat(batch.touchpoints()).extracting(Touchpoint::touchpoint).containsExactly("z");
  }

  @Test
  void dropsPlaceholderKeysAndKeepsArraysAndHashes() {
    AnyValue emails =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("null"))
                    .addValues(AnyValue.newBuilder().setStringValue("X@Y.io"))
                    .addValues(AnyValue.newBuilder().setStringValue("hmac-sha256:ABC")))
            .build();
    TranslatedBatch batch =
        translate(
            translator,
            List.of(),
            span("login", KeyValue.newBuilder().setKey("touchline.key.email").setValue(emails).build(),
                    attribute("touchline.key.customer_id", "000000"))
                .build());
    assertThat(batch.placeholdersDropped()).isEqualTo(2);
    assertThat(batch.touchpoints().get(0).keys().get("email")).containsExactly("x@y.io", "hmac-sha256:ABC");
    assertThat(batch.touchpoints().get(0).keys()).doesNotContainKey("customer_id");
  }
}

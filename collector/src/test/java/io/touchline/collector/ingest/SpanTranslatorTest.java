package io.touchline.collector.ingest;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static io.touchline.collector.testing.OtlpSpans.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.touchline.collector.model.Touchpoint;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanTranslatorTest {

  private static final List<KeyValue> WEB_SHOP =
      List.of(attribute("service.name", "web-shop"), attribute("touchline.channel", "web"));

  private final SpanTranslator translator = new SpanTranslator(KeyTypes.defaults());
  private final OtlpSpans spans = new OtlpSpans();

  private TranslatedBatch translate(List<KeyValue> resource, Span... spans) {
    return translator.translate(request(resource, spans));
  }

  private Touchpoint only(List<KeyValue> resource, Span span) {
    TranslatedBatch batch = translate(resource, span);
    assertThat(batch.touchpoints()).hasSize(1);
    return batch.touchpoints().get(0).touchpoint();
  }

  private static KeyValue typed(String key, AnyValue.Builder value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  @Test
  void readsTheSpanContract() {
    Touchpoint touchpoint =
        only(
            WEB_SHOP,
            spans
                .span(
                    "cart.add",
                    attribute("touchline.touchpoint", "cart.add"),
                    attribute("touchline.key.session", " s-1 "),
                    attribute("code.function.name", "com.acme.Cart.add"),
                    attribute("touchline.config.version", "abc123"))
                .build());

    assertThat(touchpoint.touchpoint()).isEqualTo("cart.add");
    assertThat(touchpoint.channel()).isEqualTo("web");
    assertThat(touchpoint.service()).isEqualTo("web-shop");
    assertThat(touchpoint.outcome()).isEqualTo("success");
    assertThat(touchpoint.eventTimeNanos()).isEqualTo(OtlpSpans.START_NANOS);
    assertThat(touchpoint.keys()).containsExactly(Map.entry("session", List.of("s-1")));
    assertThat(touchpoint.attributes())
        .containsOnly(
            Map.entry("code.function.name", "com.acme.Cart.add"),
            Map.entry("touchline.config.version", "abc123"));
    assertThat(touchpoint.traceId()).isEqualTo("00000000000000000000000000000001");
    assertThat(touchpoint.spanId()).isEqualTo("0000000000000001");
  }

  @Test
  void writesIdsAsLowercaseHex() {
    Span span =
        spans
            .span("x", attribute("touchline.touchpoint", "x"))
            .setTraceId(
                ByteString.copyFrom(
                    new byte[] {
                      (byte) 0xAB, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0xFF
                    }))
            .setSpanId(ByteString.copyFrom(new byte[] {(byte) 0xCD, 0, 0, 0, 0, 0, 0, 1}))
            .build();
    Touchpoint touchpoint = only(List.of(), span);
    assertThat(touchpoint.traceId()).isEqualTo("ab0102030405060708090a0b0c0d0eff");
    assertThat(touchpoint.spanId()).isEqualTo("cd00000000000001");
  }

  @Test
  void mapsStandardUserIdToCustomerId() {
    Touchpoint touchpoint =
        only(
            List.of(attribute("service.name", "app")),
            spans.span("GET /orders", attribute("user.id", "C-1")).build());
    assertThat(touchpoint.keys()).containsExactly(Map.entry("customer_id", List.of("C-1")));
    assertThat(touchpoint.attributes()).doesNotContainKey("user.id");
  }

  @Test
  void mapsStandardUserEmailAndSessionIdAndOrdersKeysByPriority() {
    Touchpoint touchpoint =
        only(
            List.of(attribute("service.name", "app")),
            spans
                .span(
                    "POST /login",
                    attribute("session.id", "s"),
                    attribute("user.email", " A@B.io "),
                    attribute("user.id", "C-1"))
                .build());
    assertThat(touchpoint.touchpoint())
        .isEqualTo("POST /login"); // no touchline.touchpoint: the span name
    assertThat(touchpoint.keys().keySet()).containsExactly("customer_id", "email", "session");
    assertThat(touchpoint.keys().get("email")).containsExactly("a@b.io");
  }

  @Test
  void channelComesFromSpanThenResourceThenServiceName() {
    List<KeyValue> serviceOnly = List.of(attribute("service.name", "mailer"));
    assertThat(
            only(serviceOnly, spans.span("a", attribute("touchline.key.email", "a@b.io")).build())
                .channel())
        .isEqualTo("mailer");
    assertThat(
            only(WEB_SHOP, spans.span("b", attribute("touchline.key.email", "a@b.io")).build())
                .channel())
        .isEqualTo("web");
    assertThat(
            only(
                    WEB_SHOP,
                    spans
                        .span(
                            "c",
                            attribute("touchline.key.email", "a@b.io"),
                            attribute("touchline.channel", "call-center"))
                        .build())
                .channel())
        .isEqualTo("call-center");
    assertThat(
            only(
                    WEB_SHOP,
                    spans
                        .span(
                            "d",
                            attribute("touchline.key.email", "a@b.io"),
                            attribute("touchline.channel", " "))
                        .build())
                .channel())
        .isEqualTo("web");
  }

  @Test
  void outcomeComesFromAttributeThenErrorStatus() {
    Status error = Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build();
    assertThat(
            only(
                    List.of(),
                    spans
                        .span("pay", attribute("touchline.key.customer_id", "C-1"))
                        .setStatus(error)
                        .build())
                .outcome())
        .isEqualTo("error");
    assertThat(
            only(
                    List.of(),
                    spans
                        .span(
                            "pay",
                            attribute("touchline.key.customer_id", "C-1"),
                            attribute("touchline.outcome", "declined"))
                        .setStatus(error)
                        .build())
                .outcome())
        .isEqualTo("declined");
  }

  @Test
  void keepsOtherAttributesWithTheirTypes() {
    Touchpoint touchpoint =
        only(
            List.of(),
            spans
                .span(
                    "order.placed",
                    attribute("touchline.touchpoint", "order.placed"),
                    typed("order.total", AnyValue.newBuilder().setDoubleValue(42.5)),
                    typed("order.items", AnyValue.newBuilder().setIntValue(3)),
                    typed("gift", AnyValue.newBuilder().setBoolValue(true)),
                    attribute("tags", "a", "b"))
                .build());
    assertThat(touchpoint.attributes())
        .containsEntry("order.total", 42.5)
        .containsEntry("order.items", 3L)
        .containsEntry("gift", true)
        .containsEntry("tags", List.of("a", "b"));
  }

  @Test
  void keepsUndeclaredKeyTypesAsPlainAttributes() {
    Touchpoint touchpoint =
        only(
            List.of(),
            spans
                .span(
                    "visit",
                    attribute("touchline.touchpoint", "visit"),
                    attribute("touchline.key.loyalty_card", "L-1"))
                .build());
    assertThat(touchpoint.keys()).isEmpty();
    assertThat(touchpoint.attributes()).containsEntry("touchline.key.loyalty_card", "L-1");
  }

  @Test
  void normalisesKeyValuesByType() {
    Touchpoint touchpoint =
        only(
            List.of(),
            spans
                .span(
                    "call",
                    attribute("touchline.key.email", "  Ann.Lee@Example.COM "),
                    attribute("touchline.key.phone", "+49 (170) 123-4567"),
                    attribute("touchline.key.device", " Dev-1 "))
                .build());
    assertThat(touchpoint.keys())
        .containsExactly(
            Map.entry("email", List.of("ann.lee@example.com")),
            Map.entry("phone", List.of("491701234567")),
            Map.entry("device", List.of("Dev-1")));
  }

  @Test
  void takesHashedValuesAsTheyAre() {
    Touchpoint touchpoint =
        only(
            List.of(),
            spans.span("login", attribute("touchline.key.email", "hmac-sha256:ABCdef")).build());
    assertThat(touchpoint.keys().get("email")).containsExactly("hmac-sha256:ABCdef");
  }

  @Test
  void readsEveryValueOfAnArrayKey() {
    Touchpoint touchpoint =
        only(
            List.of(),
            spans
                .span(
                    "email.changed",
                    attribute("touchline.key.email", "old@x.io", "New@x.io", "old@x.io"))
                .build());
    assertThat(touchpoint.keys().get("email")).containsExactly("old@x.io", "new@x.io");
  }

  @Test
  void dropsPlaceholderKeys() {
    AnyValue emails =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setStringValue("null"))
                    .addValues(AnyValue.newBuilder().setStringValue("X@Y.io")))
            .build();
    TranslatedBatch batch =
        translate(
            List.of(),
            spans
                .span(
                    "login",
                    KeyValue.newBuilder().setKey("touchline.key.email").setValue(emails).build(),
                    attribute("touchline.key.customer_id", "000000"),
                    attribute("touchline.key.session", "  "),
                    attribute("user.id", "Anonymous"),
                    attribute("touchline.key.device", "undefined"),
                    attribute("touchline.key.phone", "-1"))
                .build());
    assertThat(batch.placeholdersDropped()).isEqualTo(6);
    assertThat(batch.touchpoints().get(0).touchpoint().keys())
        .containsExactly(Map.entry("email", List.of("x@y.io")));
  }

  @Test
  void checksPlaceholdersOnTheNormalisedValueToo() {
    // "(000) 000-0000" is no placeholder as typed, but its digits are all zeros.
    TranslatedBatch batch =
        translate(
            List.of(),
            spans
                .span(
                    "call",
                    attribute("touchline.touchpoint", "call"),
                    attribute("touchline.key.phone", "(000) 000/0000"))
                .build());
    assertThat(batch.placeholdersDropped()).isEqualTo(1);
    assertThat(batch.touchpoints().get(0).touchpoint().keys()).isEmpty();
  }

  @Test
  void aSpanWhoseOnlyKeysArePlaceholdersIsNoTouchpoint() {
    TranslatedBatch batch =
        translate(List.of(), spans.span("GET /", attribute("user.id", "anonymous")).build());
    assertThat(batch.touchpoints()).isEmpty();
    assertThat(batch.nonTouchpointSpans()).isEqualTo(1);
    assertThat(batch.placeholdersOnOtherSpans()).isEqualTo(1);
  }

  @Test
  void countsSpansWithoutNameOrKeyAndKeepsNone() {
    TranslatedBatch batch =
        translate(List.of(), spans.span("GET /health", attribute("http.route", "/health")).build());
    assertThat(batch.touchpoints()).isEmpty();
    assertThat(batch.nonTouchpointSpans()).isEqualTo(1);
  }

  @Test
  void rejectsSpanWithInvalidTraceId() {
    Span zeroTrace =
        spans
            .span("x", attribute("touchline.touchpoint", "x"))
            .setTraceId(ByteString.copyFrom(new byte[16]))
            .build();
    Span shortTrace =
        spans
            .span("y", attribute("touchline.touchpoint", "y"))
            .setTraceId(ByteString.copyFrom(new byte[] {1, 2}))
            .build();
    TranslatedBatch batch =
        translate(
            List.of(),
            zeroTrace,
            shortTrace,
            spans.span("z", attribute("touchline.touchpoint", "z")).build());
    assertThat(batch.rejectedSpans()).isEqualTo(2);
    assertThat(batch.rejectionMessage()).startsWith("2 span(s) rejected");
    assertThat(batch.touchpoints())
        .extracting(r -> r.touchpoint().touchpoint())
        .containsExactly("z");
  }

  @Test
  void rejectsSpanWithInvalidSpanId() {
    Span zeroSpan =
        spans
            .span("x", attribute("touchline.touchpoint", "x"))
            .setSpanId(ByteString.copyFrom(new byte[8]))
            .build();
    Span longSpan =
        spans
            .span("y", attribute("touchline.touchpoint", "y"))
            .setSpanId(ByteString.copyFrom(new byte[9]))
            .build();
    TranslatedBatch batch = translate(List.of(), zeroSpan, longSpan);
    assertThat(batch.rejectedSpans()).isEqualTo(2);
    assertThat(batch.rejectionMessage()).contains("span_id");
    assertThat(batch.touchpoints()).isEmpty();
  }
}

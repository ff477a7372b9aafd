package io.touchline.collector.ingest;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static io.touchline.collector.testing.OtlpSpans.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.keys.Placeholders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The door: each span limit, a span exactly at it (taken) and one just past it (refused). */
class SpanLimitsTest {

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  private static final long NOW_NANOS = NOW.getEpochSecond() * 1_000_000_000L;
  private static final long DAY_NANOS = Duration.ofDays(1).toNanos();
  private static final SpanLimits LIMITS = SpanLimits.defaults();

  private final SpanTranslator translator =
      new SpanTranslator(
          KeyTypes.defaults(), Placeholders.defaults(), LIMITS, Clock.fixed(NOW, ZoneOffset.UTC));
  private final OtlpSpans spans = new OtlpSpans();

  private TranslatedBatch translate(Span... spans) {
    return translator.translate(request(List.of(attribute("service.name", "web-shop")), spans));
  }

  /** A touchpoint span now, with a key, and {@code attributes}. */
  private Span.Builder touchpoint(KeyValue... attributes) {
    return spans
        .span("login", attribute("touchline.key.email", "ann@example.com"))
        .addAllAttributes(List.of(attributes))
        .setStartTimeUnixNano(NOW_NANOS);
  }

  /** The span is taken as it is within the limits, and the other one refused for {@code reason}. */
  private void takesTheFirstAndRefusesTheSecond(Span within, Span past, String reason) {
    TranslatedBatch batch = translate(within, past);
    assertThat(batch.touchpoints()).hasSize(1);
    assertThat(batch.touchpoints().get(0).touchpoint().spanId()).isEqualTo(hex(within.getSpanId()));
    assertThat(batch.rejectedSpans()).isEqualTo(1);
    assertThat(batch.rejectedByReason()).isEqualTo(Map.of(reason, 1L));
    assertThat(batch.rejectionMessage())
        .startsWith("1 span(s) rejected: span " + hex(past.getSpanId()) + " of trace ");
  }

  private static String hex(ByteString id) {
    return java.util.HexFormat.of().formatHex(id.toByteArray());
  }

  @Test
  void theDefaultsAreWhatCollectorYamlDocuments() {
    assertThat(LIMITS)
        .isEqualTo(new SpanLimits(256, 8192, 128, 32, 16, 262_144, Duration.ofDays(1)));
  }

  @Test
  void anAttributeNameUpToTheLimitAndNoLonger() {
    takesTheFirstAndRefusesTheSecond(
        touchpoint(attribute("n".repeat(256), "v")).build(),
        touchpoint(attribute("k".repeat(50_001), "v")).build(),
        "attribute_name_too_long");
    TranslatedBatch batch = translate(touchpoint(attribute("k".repeat(257), "v")).build());
    assertThat(batch.rejectionMessage())
        .contains("attribute name '" + "k".repeat(40) + "…' is 257 characters")
        .contains("limits.maxAttributeNameLength 256");
  }

  @Test
  void aNameInsideAKeyValueListCountsAsAnAttributeName() {
    KeyValue nested =
        KeyValue.newBuilder()
            .setKey("order")
            .setValue(
                AnyValue.newBuilder()
                    .setKvlistValue(
                        KeyValueList.newBuilder().addValues(attribute("k".repeat(257), "v"))))
            .build();
    TranslatedBatch batch = translate(touchpoint(nested).build());
    assertThat(batch.rejectedByReason()).isEqualTo(Map.of("attribute_name_too_long", 1L));
  }

  @Test
  void aValueUpToTheLimitAndNoLonger() {
    takesTheFirstAndRefusesTheSecond(
        touchpoint(attribute("note", "v".repeat(8192))).build(),
        touchpoint(attribute("note", "v".repeat(8193))).build(),
        "attribute_value_too_long");
    // Every item of a list, a key's values, bytes as the base64 they are stored as, the span name.
    assertThat(
            translate(touchpoint(attribute("tags", "a", "v".repeat(8193))).build()).rejectedSpans())
        .isEqualTo(1);
    assertThat(
            translate(touchpoint(attribute("touchline.key.session", "s".repeat(8193))).build())
                .rejectedSpans())
        .isEqualTo(1);
    KeyValue bytes =
        KeyValue.newBuilder()
            .setKey("blob")
            .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[6144])))
            .build();
    assertThat(translate(touchpoint(bytes).build()).rejectedSpans()).isZero(); // 8192 in base64
    KeyValue moreBytes =
        bytes.toBuilder()
            .setValue(AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[6145])))
            .build();
    assertThat(translate(touchpoint(moreBytes).build()).rejectedSpans()).isEqualTo(1);
    TranslatedBatch longName = translate(touchpoint().setName("n".repeat(8193)).build());
    assertThat(longName.rejectionMessage()).contains("the span's name is 8193 characters");
  }

  @Test
  void attributesUpToTheLimitAndNoMore() {
    takesTheFirstAndRefusesTheSecond(
        touchpoint(attributes(127)).build(), // with the key: 128
        touchpoint(attributes(128)).build(),
        "too_many_attributes");
  }

  @Test
  void keyValuesUpToTheLimitsAndNoMore() {
    // 16 per type at most, 32 in all.
    Span within =
        touchpoint(
                attribute("touchline.key.session", values("s", 16)),
                attribute("touchline.key.device", values("d", 15)))
            .build();
    takesTheFirstAndRefusesTheSecond(
        within,
        touchpoint(
                attribute("touchline.key.session", values("s", 16)),
                attribute("touchline.key.device", values("d", 16)))
            .build(),
        "too_many_key_values");
    TranslatedBatch perType =
        translate(touchpoint(attribute("touchline.key.session", values("s", 17))).build());
    assertThat(perType.rejectedByReason()).isEqualTo(Map.of("too_many_key_values", 1L));
    assertThat(perType.rejectionMessage())
        .contains("17 session key values, over limits.maxKeyValuesPerType 16");
    // Mapped standard attributes count as their type; repeats and placeholders count too.
    TranslatedBatch aliases =
        translate(
            touchpoint(
                    attribute("session.id", values("s", 10)),
                    attribute("touchline.key.session", values("0", 7)))
                .build());
    assertThat(aliases.rejectionMessage()).contains("17 session key values");
  }

  @Test
  void aHundredThousandKeyValuesAreRefusedWithoutBeingRead() {
    SpanTranslator generous =
        new SpanTranslator(
            KeyTypes.defaults(),
            Placeholders.defaults(),
            new SpanLimits(256, 8192, 128, 32, 16, Integer.MAX_VALUE, Duration.ofDays(1)),
            Clock.fixed(NOW, ZoneOffset.UTC));
    Span many = touchpoint(attribute("touchline.key.session", values("session-", 100_000))).build();

    long started = System.nanoTime();
    TranslatedBatch batch = generous.translate(request(List.of(), many, touchpoint().build()));
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

    assertThat(batch.rejectedByReason()).isEqualTo(Map.of("too_many_key_values", 1L));
    assertThat(batch.rejectionMessage()).contains("100001 customer key values");
    assertThat(batch.touchpoints()).hasSize(1);
    assertThat(millis).as("took %d ms", millis).isLessThan(1_000);
  }

  @Test
  void aSpanUpToTheEncodedSizeAndNoLarger() {
    Span within = spanOfSize(262_144);
    assertThat(within.getSerializedSize()).isEqualTo(262_144);
    Span past = spanOfSize(262_145);
    takesTheFirstAndRefusesTheSecond(within, past, "span_too_large");
    assertThat(translate(past).rejectionMessage())
        .contains("262145 bytes encoded, over limits.maxSpanBytes 262144");
  }

  /** A touchpoint span of exactly {@code bytes}, in attributes no longer than the limit. */
  private Span spanOfSize(int bytes) {
    Span.Builder span = touchpoint();
    int filled = 0;
    while (bytes - span.build().getSerializedSize() > 16_000) {
      span.addAttributes(attribute("fill." + filled++, "x".repeat(8192)));
    }
    // Two more values make up the rest: between 128 and 8192 characters each, so that every
    // length prefix keeps its width and the size grows one byte per character.
    int half = (bytes - span.build().getSerializedSize()) / 2 - 10;
    span.addAttributes(attribute("half", "x".repeat(half)));
    int length = bytes - span.build().getSerializedSize() - 20;
    span.addAttributes(attribute("rest", "x".repeat(length)));
    int last = span.getAttributesCount() - 1;
    while (span.build().getSerializedSize() != bytes) {
      length += bytes - span.build().getSerializedSize();
      span.setAttributes(last, attribute("rest", "x".repeat(length)));
    }
    return span.build();
  }

  @Test
  void eventTimesFromTheEpochToADayAheadAndNoFurther() {
    Span epoch = touchpoint().setStartTimeUnixNano(0).build();
    Span dayAhead = touchpoint().setStartTimeUnixNano(NOW_NANOS + DAY_NANOS).build();
    Span justPast = touchpoint().setStartTimeUnixNano(NOW_NANOS + DAY_NANOS + 1).build();
    Span twoDays = touchpoint().setStartTimeUnixNano(NOW_NANOS + 2 * DAY_NANOS).build();
    Span twoToThe63 = touchpoint().setStartTimeUnixNano(Long.MIN_VALUE).build(); // 2^63 unsigned
    long year1700 = Instant.parse("1700-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    Span in1700 = touchpoint().setStartTimeUnixNano(year1700).build();
    Span beforeEpoch = touchpoint().setStartTimeUnixNano(-1).build();

    TranslatedBatch batch =
        translate(epoch, dayAhead, justPast, twoDays, twoToThe63, in1700, beforeEpoch);

    assertThat(batch.touchpoints())
        .extracting(read -> read.touchpoint().eventTimeNanos())
        .containsExactly(0L, NOW_NANOS + DAY_NANOS);
    assertThat(batch.rejectedByReason()).isEqualTo(Map.of("event_time_out_of_range", 5L));
    assertThat(batch.rejectionMessage())
        .startsWith("5 span(s) rejected: span " + hex(justPast.getSpanId()))
        .contains("start time 2026-12-08T12:00:00.000000001Z is too far ahead")
        .contains("limits.maxEventTimeAhead")
        .endsWith("(and 4 more)");
    assertThat(translate(twoToThe63).rejectionMessage())
        .contains("start time 9223372036854775808 ns is out of range");
  }

  @Test
  void invalidIdsAndLimitsAreCountedApart() {
    Span zeroTrace = touchpoint().setTraceId(ByteString.copyFrom(new byte[16])).build();
    Span tooMany = touchpoint(attributes(200)).build();
    TranslatedBatch batch = translate(zeroTrace, tooMany, touchpoint().build());
    assertThat(batch.rejectedSpans()).isEqualTo(2);
    assertThat(batch.rejectedByReason())
        .isEqualTo(Map.of("invalid_span", 1L, "too_many_attributes", 1L));
    assertThat(batch.touchpoints()).hasSize(1);

    IngestCounters counters = new IngestCounters();
    counters.recordReceived(batch);
    assertThat(counters.spansRejected())
        .isEqualTo(Map.of("invalid_span", 1L, "too_many_attributes", 1L));
    assertThat(counters.spansReceived()).isEqualTo(3);
  }

  private static KeyValue[] attributes(int count) {
    List<KeyValue> attributes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      attributes.add(attribute("a." + i, "v"));
    }
    return attributes.toArray(KeyValue[]::new);
  }

  private static String[] values(String prefix, int count) {
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      values[i] = prefix + i;
    }
    return values;
  }
}

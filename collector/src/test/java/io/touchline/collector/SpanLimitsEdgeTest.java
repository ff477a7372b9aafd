package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the default limits: a span exactly at every limit at once is stored, read, exported and
 * erased like any other; a span just past any one of them is refused.
 */
class SpanLimitsEdgeTest {

  private static final int MAX_SPAN_BYTES = 262_144;

  @TempDir Path data;
  private Collector collector;
  private final OtlpSpans spans = new OtlpSpans();

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void aSpanAtEveryLimitIsKeptWholeAndOnePastAnyIsRefused() throws Exception {
    collector = TestCollectors.start(data);
    long dayAhead = Instant.now().plus(Duration.ofDays(1)).getEpochSecond() * 1_000_000_000L;
    long minute = Duration.ofMinutes(1).toNanos();

    Span edge = atEveryLimit();
    // The window's edges: 1970-01-01T00:00:00Z exactly, and a day ahead less a minute for the
    // time this test takes (the exact edge is SpanLimitsTest's, on a fixed clock).
    Span latest =
        spans
            .span("login", attribute("touchline.key.email", "late@example.com"))
            .setStartTimeUnixNano(dayAhead - minute)
            .build();
    Span[] past = {
      keyed(attribute("n".repeat(257), "v")).build(),
      keyed(attribute("note", "v".repeat(8193))).build(),
      keyed(smallAttributes(128)).build(), // with its key: 129
      keyed(
              attribute("touchline.key.session", values("s", 16)),
              attribute("touchline.key.device", values("d", 16)))
          .build(), // with its e-mail: 33 key values
      keyed(attribute("touchline.key.session", values("s", 17))).build(),
      ofSize(keyed(), MAX_SPAN_BYTES + 1),
      keyed().setStartTimeUnixNano(-1).build(), // 2^64 - 1, or 1 ns before 1970
      keyed().setStartTimeUnixNano(dayAhead + minute).build(),
    };
    Span[] all = new Span[past.length + 2];
    all[0] = edge;
    all[1] = latest;
    System.arraycopy(past, 0, all, 2, past.length);

    ExportTracePartialSuccess answer = export(all);

    assertThat(answer.getRejectedSpans()).isEqualTo(past.length);
    String metrics = CollectorHttp.getRaw(collector, "/metrics").body();
    for (Map.Entry<String, Integer> reason :
        Map.of(
                "attribute_name_too_long", 1,
                "attribute_value_too_long", 1,
                "too_many_attributes", 1,
                "too_many_key_values", 2,
                "span_too_large", 1,
                "event_time_out_of_range", 2)
            .entrySet()) {
      assertThat(metrics)
          .contains(
              "touchline_spans_rejected_total{reason=\""
                  + reason.getKey()
                  + "\"} "
                  + reason.getValue()
                  + ".0");
    }

    // Read: the whole span, every attribute and key as sent.
    JsonNode list = CollectorHttp.get(collector, "/api/touchpoints", 200).get("touchpoints");
    assertThat(list).hasSize(2);
    JsonNode stored = list.get(0);
    assertThat(stored.get("time").asText()).isEqualTo("1970-01-01T00:00:00.000000000Z");
    assertThat(stored.get("attributes").size()).isEqualTo(128 - 2); // the keys are not attributes
    assertThat(stored.get("attributes").get("n".repeat(256)).asText()).isEqualTo("v");
    assertThat(stored.get("attributes").get("note").asText()).hasSize(8192);
    assertThat(stored.get("keys").get("session")).hasSize(16);
    assertThat(stored.get("keys").get("device")).hasSize(16);
    assertThat(list.get(1).get("time").asText()).isEqualTo(ProfileQuery.time(dayAhead - minute));

    // Exported: the CSV holds the same.
    String csv = CollectorHttp.getRaw(collector, "/api/touchpoints?format=csv").body();
    List<Map<String, String>> rows;
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerFor(Map.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(csv)) {
      rows = it.readAll();
    }
    assertThat(rows).hasSize(2);
    assertThat(CollectorHttp.JSON_READER.readTree(rows.get(0).get("attributes")))
        .isEqualTo(stored.get("attributes"));
    assertThat(CollectorHttp.JSON_READER.readTree(rows.get(0).get("keys")))
        .isEqualTo(stored.get("keys"));

    // The profile, then erased: dry run and real.
    JsonNode profile = CollectorHttp.get(collector, "/api/profiles?key=session:s0", 200);
    assertThat(profile.get("keys")).hasSize(32);
    assertThat(profile.get("touchpoints")).hasSize(1);
    JsonNode dryRun =
        CollectorHttp.delete(collector, "/api/profiles?key=session:s0&dryRun=true", 200);
    assertThat(dryRun.get("touchpoints").asLong()).isEqualTo(1);
    assertThat(dryRun.get("keys")).hasSize(32);
    CollectorHttp.delete(collector, "/api/profiles?key=session:s0", 200);
    CollectorHttp.get(collector, "/api/profiles?key=device:d15", 404);
    assertThat(CollectorHttp.get(collector, "/api/touchpoints", 200).get("touchpoints"))
        .extracting(t -> t.get("spanId").asText())
        .containsExactly(list.get(1).get("spanId").asText());
  }

  /**
   * At 1970-01-01T00:00:00Z, 128 attributes, a name of 256 characters, a value of 8192, 16 session
   * and 16 device values (32 key values), 256 KiB encoded.
   */
  private Span atEveryLimit() {
    Span.Builder span =
        spans
            .span(
                "login",
                attribute("n".repeat(256), "v"),
                attribute("note", "v".repeat(8192)),
                attribute("touchline.key.session", values("s", 16)),
                attribute("touchline.key.device", values("d", 16)))
            .setStartTimeUnixNano(0);
    span.addAllAttributes(List.of(smallAttributes(124)));
    assertThat(span.getAttributesCount()).isEqualTo(128);
    return ofSize(span, MAX_SPAN_BYTES);
  }

  /**
   * The span grown to exactly {@code bytes} by the values of its last attributes, none longer than
   * the limit: each filled up to 8192 characters until little is left, the rest split between two,
   * so that every length prefix keeps its width and one more character is one more byte.
   */
  private static Span ofSize(Span.Builder span, int bytes) {
    if (span.getAttributesCount() < 40) {
      span.addAllAttributes(List.of(smallAttributes(40)));
    }
    int index = span.getAttributesCount() - 1;
    while (bytes - span.build().getSerializedSize() > 16_000) {
      span.setAttributes(index, fill(index, 8192));
      index--;
    }
    int half = (bytes - span.build().getSerializedSize()) / 2;
    span.setAttributes(index, fill(index, half));
    int length = bytes - span.build().getSerializedSize();
    span.setAttributes(index - 1, fill(index - 1, length));
    while (span.build().getSerializedSize() != bytes) {
      length += bytes - span.build().getSerializedSize();
      span.setAttributes(index - 1, fill(index - 1, length));
    }
    return span.build();
  }

  private static KeyValue fill(int index, int length) {
    return attribute("a." + index, "x".repeat(length));
  }

  private Span.Builder keyed(KeyValue... attributes) {
    return spans
        .span("login", attribute("touchline.key.email", "past@example.com"))
        .addAllAttributes(List.of(attributes))
        .setStartTimeUnixNano(OtlpSpans.START_NANOS);
  }

  private static KeyValue[] smallAttributes(int count) {
    KeyValue[] attributes = new KeyValue[count];
    for (int i = 0; i < count; i++) {
      attributes[i] = attribute("small." + i, "v");
    }
    return attributes;
  }

  private static String[] values(String prefix, int count) {
    String[] values = new String[count];
    for (int i = 0; i < count; i++) {
      values[i] = prefix + i;
    }
    return values;
  }

  private ExportTracePartialSuccess export(Span... all) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            OtlpSpans.request(List.of(attribute("service.name", "web-shop")), all)
                                .toByteArray()))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return ExportTraceServiceResponse.parseFrom(response.body()).getPartialSuccess();
  }
}

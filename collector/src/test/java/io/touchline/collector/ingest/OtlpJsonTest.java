package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.touchline.collector.stitch.KeyTypes;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  private static final String TRACE_ID = "5b8efff798038103d269b633813fc60c";
  private static final String SPAN_ID = "eee19b7ec3c1b174";

  private static ExportTraceServiceRequest parse(String json)
      throws InvalidProtocolBufferException {
    return OtlpJson.parseRequest(json.getBytes(StandardCharsets.UTF_8));
  }

  /** A request with one span whose JSON fields are {@code spanFields}. */
  private static String withSpan(String spanFields) {
    return "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{" + spanFields + "}]}]}]}";
  }

  private static Span onlySpan(ExportTraceServiceRequest request) {
    return request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
  }

  private static String hex(ByteString bytes) {
    return HexFormat.of().formatHex(bytes.toByteArray());
  }

  @Test
  void readsIdsAsHexInSpansAndLinks() throws Exception {
    Span span =
        onlySpan(
            parse(
                withSpan(
                    "\"traceId\":\""
                        + TRACE_ID
                        + "\",\"spanId\":\""
                        + SPAN_ID
                        + "\","
                        + "\"parentSpanId\":\"0102030405060708\","
                        + "\"links\":[{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\","
                        + "\"spanId\":\"b7ad6b7169203331\"}]")));

    assertThat(hex(span.getTraceId())).isEqualTo(TRACE_ID);
    assertThat(hex(span.getSpanId())).isEqualTo(SPAN_ID);
    assertThat(hex(span.getParentSpanId())).isEqualTo("0102030405060708");
    assertThat(hex(span.getLinks(0).getTraceId())).isEqualTo("0af7651916cd43dd8448eb211c80319c");
    assertThat(hex(span.getLinks(0).getSpanId())).isEqualTo("b7ad6b7169203331");
  }

  @Test
  void readsEnumsAsIntegers() throws Exception {
    Span span =
        onlySpan(parse(withSpan("\"kind\":2,\"status\":{\"code\":2,\"message\":\"boom\"}")));

    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStatus().getCode()).isEqualTo(Status.StatusCode.STATUS_CODE_ERROR);
  }

  @Test
  void readsInt64AsStringOrNumber() throws Exception {
    Span span =
        onlySpan(
            parse(
                withSpan(
                    "\"startTimeUnixNano\":\"1544712660000000000\",\"endTimeUnixNano\":1544712661000000000,"
                        + "\"attributes\":[{\"key\":\"n\",\"value\":{\"intValue\":\"9007199254740993\"}},"
                        + "{\"key\":\"m\",\"value\":{\"intValue\":42}}]")));

    assertThat(span.getStartTimeUnixNano()).isEqualTo(1_544_712_660_000_000_000L);
    assertThat(span.getEndTimeUnixNano()).isEqualTo(1_544_712_661_000_000_000L);
    assertThat(span.getAttributes(0).getValue().getIntValue()).isEqualTo(9_007_199_254_740_993L);
    assertThat(span.getAttributes(1).getValue().getIntValue()).isEqualTo(42L);
  }

  @Test
  void ignoresUnknownFields() throws Exception {
    ExportTraceServiceRequest request =
        parse(
            "{\"futureField\":{\"a\":[1,2]},\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{"
                + "\"name\":\"login\",\"somethingNew\":true}]}]}]}");

    assertThat(onlySpan(request).getName()).isEqualTo("login");
  }

  @Test
  void acceptsSnakeCaseKeys() throws Exception {
    Span span =
        onlySpan(
            parse(
                "{\"resource_spans\":[{\"scope_spans\":[{\"spans\":[{\"trace_id\":\""
                    + TRACE_ID
                    + "\",\"span_id\":\""
                    + SPAN_ID
                    + "\",\"start_time_unix_nano\":\"7\"}]}]}]}"));

    assertThat(hex(span.getTraceId())).isEqualTo(TRACE_ID);
    assertThat(hex(span.getSpanId())).isEqualTo(SPAN_ID);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(7L);
  }

  @Test
  void refusesMalformedJsonWithAClearMessage() {
    assertThatThrownBy(() -> parse("{\"resourceSpans\":["))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("malformed JSON at line 1");
    assertThatThrownBy(() -> parse("{} {}")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> parse("")).hasMessageContaining("empty body");
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("expected a JSON object");
  }

  @Test
  void refusesTheWrongStructureWithAClearMessage() {
    assertThatThrownBy(() -> parse("{\"resourceSpans\":{\"scopeSpans\":[]}}"))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("not an OTLP/JSON export request");
    assertThatThrownBy(() -> parse(withSpan("\"startTimeUnixNano\":\"yesterday\"")))
        .hasMessageContaining("not an OTLP/JSON export request");
  }

  @Test
  void invalidHexIdsLeaveTheirSpanToBeRejected() throws Exception {
    ExportTraceServiceRequest request =
        parse(
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":["
                + "{\"traceId\":\""
                + TRACE_ID
                + "\",\"spanId\":\""
                + SPAN_ID
                + "\","
                + "\"attributes\":[{\"key\":\"user.email\",\"value\":{\"stringValue\":\"a@b.io\"}}]},"
                + "{\"traceId\":\"not-hex-at-all-not-hex-at-all-xx\",\"spanId\":\""
                + SPAN_ID
                + "\"},"
                + "{\"traceId\":\""
                + TRACE_ID
                + "\",\"spanId\":\"eee19b7e\"},"
                + "{\"traceId\":\"\",\"spanId\":\""
                + SPAN_ID
                + "\"},"
                + "{\"traceId\":12,\"spanId\":\""
                + SPAN_ID
                + "\"}"
                + "]}]}]}");

    TranslatedBatch batch = new SpanTranslator(KeyTypes.defaults()).translate(request);

    assertThat(batch.touchpoints()).hasSize(1);
    assertThat(batch.rejectedSpans()).isEqualTo(4);
  }

  @Test
  void printsAnswersAsCompactJson() {
    ExportTraceServiceResponse partial =
        ExportTraceServiceResponse.newBuilder()
            .setPartialSuccess(
                ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(2)
                    .setErrorMessage("bad ids"))
            .build();
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder().setCode(3).setMessage("no").build();

    assertThat(new String(OtlpJson.print(partial), StandardCharsets.UTF_8))
        .isEqualTo("{\"partialSuccess\":{\"rejectedSpans\":\"2\",\"errorMessage\":\"bad ids\"}}");
    assertThat(new String(OtlpJson.print(status), StandardCharsets.UTF_8))
        .isEqualTo("{\"code\":3,\"message\":\"no\"}");
    assertThat(
            new String(
                OtlpJson.print(ExportTraceServiceResponse.getDefaultInstance()),
                StandardCharsets.UTF_8))
        .isEqualTo("{}");
  }
}

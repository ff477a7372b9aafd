package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.touchline.collector.testing.TestCollectors;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector in process on free ports, fed by the official OpenTelemetry Java SDK exporter: any
 * OpenTelemetry source is a client, not only the Touchline agent.
 */
class CollectorOtlpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path data;
  private Collector collector;
  private SdkTracerProvider tracerProvider;

  private Collector start() throws Exception {
    collector = TestCollectors.start(data);
    return collector;
  }

  private Tracer tracer(String service, String channel) {
    return tracer(service, channel, "http/protobuf");
  }

  /**
   * @param protocol {@code http/protobuf} or {@code grpc}, as OTEL_EXPORTER_OTLP_PROTOCOL names
   *     them
   */
  private Tracer tracer(String service, String channel, String protocol) {
    SpanExporter exporter =
        protocol.equals("grpc")
            ? OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://" + collector.otlpGrpcAddress())
                .build()
            : OtlpHttpSpanExporter.builder()
                .setEndpoint(collector.otlpHttpUrl() + "/v1/traces")
                .build();
    Attributes resource =
        channel == null
            ? Attributes.of(AttributeKey.stringKey("service.name"), service)
            : Attributes.of(
                AttributeKey.stringKey("service.name"), service,
                AttributeKey.stringKey("touchline.channel"), channel);
    tracerProvider =
        SdkTracerProvider.builder()
            .setResource(Resource.create(resource))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    return tracerProvider.get("test");
  }

  private void flush() {
    assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  @AfterEach
  void stop() {
    if (tracerProvider != null) {
      tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    }
    if (collector != null) {
      collector.close();
    }
  }

  private JsonNode get(String path, int expectedStatus) throws Exception {
    return send("GET", path, expectedStatus);
  }

  private JsonNode send(String method, String path, int expectedStatus) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/json; charset=utf-8");
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  private JsonNode profile(String key) throws Exception {
    return get("/api/profiles?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), 200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http/protobuf", "grpc"})
  void standardUserAttributesFromAnyOtelSdkAreStitched(String protocol) throws Exception {
    start();
    Tracer tracer = tracer("storefront", null, protocol);
    tracer
        .spanBuilder("GET /cart")
        .setAttribute("session.id", "sess-1")
        .setAttribute("http.route", "/cart")
        .startSpan()
        .end();
    tracer
        .spanBuilder("POST /login")
        .setAttribute("session.id", "sess-1")
        .setAttribute("user.email", " Ann@Example.COM ")
        .setAttribute("user.id", "C-7")
        .startSpan()
        .end();
    tracer.spanBuilder("GET /health").startSpan().end(); // no key, no touchpoint name
    flush(); // 200 is sent only after the commit: no waiting needed

    JsonNode profile = profile("email:ann@example.com");
    assertThat(profile.get("touchpoints")).hasSize(2);
    assertThat(profile.get("touchpoints").get(0).get("touchpoint").asText()).isEqualTo("GET /cart");
    assertThat(profile.get("touchpoints").get(0).get("channel").asText()).isEqualTo("storefront");
    assertThat(profile.get("touchpoints").get(0).get("attributes").get("http.route").asText())
        .isEqualTo("/cart");
    assertThat(profile.get("touchpoints").get(1).get("keys").get("customer_id").asText())
        .isEqualTo("C-7");
    assertThat(profile.get("keys"))
        .extracting(k -> k.get("type").asText() + ":" + k.get("value").asText())
        .containsExactly("customer_id:C-7", "email:ann@example.com", "session:sess-1");
    assertThat(profile.get("id").asText()).matches("p_[0-9a-f]{32}");
    assertThat(profile("session:sess-1").get("id")).isEqualTo(profile.get("id"));
    assertThat(get("/api/profiles/" + profile.get("id").asText(), 200).get("touchpoints"))
        .hasSize(2);

    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(2);
    assertThat(stats.get("profiles").asLong()).isEqualTo(1);
    assertThat(stats.get("identifiedShare").asDouble()).isEqualTo(1.0);
    assertThat(stats.get("nonTouchpointSpans").asLong()).isEqualTo(1);
  }

  @Test
  void storesAnOtlpJsonExportRequestAsTheSpecificationWritesIt() throws Exception {
    start();
    // The example request of opentelemetry-proto's docs/specification.md, with a user.email added.
    String json =
        """
        {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"my.service"}}]},\
        "scopeSpans":[{"scope":{"name":"my.library","version":"1.0.0","attributes":[{"key":"my.scope.attribute",\
        "value":{"stringValue":"some scope attribute"}}]},"spans":[{"traceId":"5b8efff798038103d269b633813fc60c",\
        "spanId":"eee19b7ec3c1b174","parentSpanId":"eee19b7ec3c1b173","name":"I'm a server span","kind":2,\
        "startTimeUnixNano":"1544712660000000000","endTimeUnixNano":"1544712661000000000",\
        "attributes":[{"key":"user.email","value":{"stringValue":"Jo@Example.com"}},\
        {"key":"my.span.attr","value":{"stringValue":"some value"}}]}]}]}]}
        """;
    HttpResponse<String> export =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(export.body()).has("partialSuccess")).isFalse();

    JsonNode touchpoint = profile("email:jo@example.com").get("touchpoints").get(0);
    assertThat(touchpoint.get("traceId").asText()).isEqualTo("5b8efff798038103d269b633813fc60c");
    assertThat(touchpoint.get("spanId").asText()).isEqualTo("eee19b7ec3c1b174");
    assertThat(touchpoint.get("touchpoint").asText()).isEqualTo("I'm a server span");
    assertThat(touchpoint.get("time").asText()).startsWith("2018-12-13T14:51:00");
    assertThat(touchpoint.get("service").asText()).isEqualTo("my.service");
    assertThat(touchpoint.get("attributes").get("my.span.attr").asText()).isEqualTo("some value");
  }

  @Test
  void touchlineSpansKeepNameChannelOutcomeAndTypedAttributes() throws Exception {
    start();
    Tracer tracer = tracer("web-shop", "web");
    tracer
        .spanBuilder("order.placed")
        .setAttribute("touchline.touchpoint", "order.placed")
        .setAttribute("touchline.key.session", "s-9")
        .setAttribute(
            AttributeKey.stringArrayKey("touchline.key.email"), List.of("a@x.io", "b@x.io"))
        .setAttribute("touchline.key.loyalty_card", "L-1") // undeclared type: a plain attribute
        .setAttribute("order.total", 42.5)
        .setAttribute("order.items", 3L)
        .setAttribute("gift", true)
        .startSpan()
        .end();
    tracer
        .spanBuilder("payment")
        .setAttribute("touchline.touchpoint", "payment.declined")
        .setAttribute("touchline.channel", "call-center")
        .setAttribute("touchline.key.session", "s-9")
        .startSpan()
        .setStatus(StatusCode.ERROR)
        .end();
    flush();

    JsonNode touchpoints = profile("session:s-9").get("touchpoints");
    JsonNode order = touchpoints.get(0);
    assertThat(order.get("channel").asText()).isEqualTo("web");
    assertThat(order.get("service").asText()).isEqualTo("web-shop");
    assertThat(order.get("outcome").asText()).isEqualTo("success");
    assertThat(order.get("keys").get("email"))
        .extracting(JsonNode::asText)
        .containsExactly("a@x.io", "b@x.io");
    assertThat(order.get("attributes").get("order.total").isDouble()).isTrue();
    assertThat(order.get("attributes").get("order.items").isIntegralNumber()).isTrue();
    assertThat(order.get("attributes").get("gift").isBoolean()).isTrue();
    assertThat(order.get("attributes").get("touchline.key.loyalty_card").asText()).isEqualTo("L-1");
    JsonNode payment = touchpoints.get(1);
    assertThat(payment.get("touchpoint").asText()).isEqualTo("payment.declined");
    assertThat(payment.get("channel").asText()).isEqualTo("call-center");
    assertThat(payment.get("outcome").asText()).isEqualTo("error");
  }

  @Test
  void placeholdersAreNeverKeysAndAreCounted() throws Exception {
    start();
    Tracer tracer = tracer("web-shop", "web");
    tracer
        .spanBuilder("visit")
        .setAttribute("touchline.touchpoint", "visit")
        .setAttribute("touchline.key.customer_id", "anonymous")
        .setAttribute("touchline.key.session", "0000-0000")
        .startSpan()
        .end();
    flush();

    get("/api/profiles?key=customer_id:anonymous", 404);
    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("placeholdersDropped").asLong()).isEqualTo(2);
    assertThat(stats.get("unattributed").asLong()).isEqualTo(1);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(1);
  }

  @Test
  void keepsTouchpointsAcrossRestart() throws Exception {
    start();
    tracer("web-shop", "web")
        .spanBuilder("login")
        .setAttribute("touchline.touchpoint", "login")
        .setAttribute("touchline.key.email", "kim@example.com")
        .startSpan()
        .end();
    flush();
    tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    tracerProvider = null;
    collector.close();

    start();
    assertThat(profile("email:kim@example.com").get("touchpoints")).hasSize(1);
  }

  @Test
  void explainsBadLookups() throws Exception {
    start();
    assertThat(get("/api/profiles", 400).get("error").asText()).contains("?key=<type>:<value>");
    assertThat(get("/api/profiles?key=nocolon", 400).get("error").asText())
        .contains("<type>:<value>");
    assertThat(get("/api/profiles?key=shoe_size:42", 400).get("error").asText())
        .contains("unknown key type 'shoe_size'")
        .contains("customer_id, email, phone, device, session");
    assertThat(get("/api/profiles?key=email:nobody@example.com", 404).get("error").asText())
        .isEqualTo("no profile has key email:nobody@example.com");
    assertThat(get("/api/profiles/p_00000000000000000000000000000000", 404).get("error").asText())
        .isEqualTo("no profile has id p_00000000000000000000000000000000");
    assertThat(get("/api/health", 200).get("status").asText()).isEqualTo("ok");
  }

  @Test
  void answersUnknownPathsWith404AndWrongMethodsWith405() throws Exception {
    start();
    assertThat(get("/api/nothing", 404).get("error").asText()).contains("no such endpoint");
    assertThat(get("/api", 404).get("error").asText()).contains("no such endpoint");
    assertThat(send("POST", "/nothing", 404).get("error").asText()).contains("no such endpoint");
    assertThat(send("POST", "/api/profiles?key=email:a@b.io", 405).get("error").asText())
        .isEqualTo("POST is not allowed on /api/profiles; use GET or DELETE");
    assertThat(send("DELETE", "/api/stats", 405).has("error")).isTrue();
  }

  @Test
  void looksUpKeysNormalisedWithPlusSignsKept() throws Exception {
    start();
    tracer("web-shop", "web")
        .spanBuilder("login")
        .setAttribute("touchline.touchpoint", "login")
        .setAttribute("touchline.key.email", "ann+shop@example.com")
        .setAttribute("touchline.key.phone", "+49 170 1234567")
        .startSpan()
        .end();
    flush();

    assertThat(get("/api/profiles?key=email:%20Ann+Shop@Example.com", 200).get("touchpoints"))
        .hasSize(1);
    assertThat(get("/api/profiles?key=phone:%2B49-170-123%204567", 200).get("touchpoints"))
        .hasSize(1);
    assertThat(get("/api/profiles?key=url:http://x", 400).get("error").asText())
        .contains("unknown key type 'url'");
  }

  @Test
  void statsShowTheIdentifiedShare() throws Exception {
    start();
    Tracer tracer = tracer("web-shop", "web");
    tracer
        .spanBuilder("login")
        .setAttribute("user.id", "C-1")
        .setAttribute("session.id", "s-1")
        .startSpan()
        .end();
    tracer.spanBuilder("cart.add").setAttribute("session.id", "s-1").startSpan().end();
    tracer.spanBuilder("browse").setAttribute("session.id", "s-2").startSpan().end();
    tracer
        .spanBuilder("newsletter")
        .setAttribute("touchline.touchpoint", "newsletter")
        .startSpan()
        .end();
    flush();

    JsonNode stats = get("/api/stats", 200);
    assertThat(stats.get("touchpoints").asLong()).isEqualTo(4);
    assertThat(stats.get("profiles").asLong()).isEqualTo(2);
    assertThat(stats.get("identifiedShare").asDouble()).isEqualTo(0.5);
    assertThat(stats.get("unattributed").asLong()).isEqualTo(1);
    assertThat(stats.get("ambiguous").asLong()).isZero();
    assertThat(stats.get("conflicts").asLong()).isZero();
    assertThat(stats.get("sharedKeys").asLong()).isZero();
    assertThat(stats.get("erasedDropped").asLong()).isZero();
  }
}

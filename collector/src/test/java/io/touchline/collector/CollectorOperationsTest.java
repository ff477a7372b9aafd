package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.config.CollectorConfigLoader;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator configures and watches: tokens, /metrics, key types and placeholders. */
class CollectorOperationsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INGEST_TOKEN = "ingest-token-0123456789";
  private static final String API_TOKEN = "api-token-0123456789";

  private final HttpClient http = HttpClient.newHttpClient();
  private final OtlpSpans spans = new OtlpSpans();
  @TempDir Path data;
  private Collector collector;

  @AfterEach
  void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private Collector start(String yaml) throws Exception {
    CollectorConfig config = new CollectorConfigLoader().parse("collector.yaml", yaml);
    collector = TestCollectors.startWith(data, config);
    return collector;
  }

  private HttpResponse<byte[]> export(String token, KeyValue... attributes) throws Exception {
    return exportAs(token == null ? null : "Bearer " + token, attributes);
  }

  /** Sends one span with {@code authorization} as the Authorization header (null for none). */
  private HttpResponse<byte[]> exportAs(String authorization, KeyValue... attributes)
      throws Exception {
    byte[] body =
        OtlpSpans.request(
                List.of(OtlpSpans.attribute("service.name", "shop")),
                spans.span("login", attributes).build())
            .toByteArray();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
            .header("Content-Type", "application/x-protobuf")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return getAs(path, token == null ? null : "Bearer " + token);
  }

  /** {@code GET path} with {@code authorization} as the Authorization header (null for none). */
  private HttpResponse<String> getAs(String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.apiUrl() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tokensGuardIngestAndApiButNotHealth() throws Exception {
    start("auth:\n  ingestToken: " + INGEST_TOKEN + "\n  apiToken: " + API_TOKEN + "\n");
    KeyValue email = OtlpSpans.attribute("touchline.key.email", "ann@example.com");

    HttpResponse<byte[]> anonymous = export(null, email);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(anonymous.body());
    assertThat(status.getCode()).isEqualTo(16); // UNAUTHENTICATED
    assertThat(status.getMessage()).contains("Bearer token is required");
    HttpResponse<byte[]> apiTokenSent = export(API_TOKEN, email);
    assertThat(apiTokenSent.statusCode()).as("the API token does not open ingest").isEqualTo(403);
    assertThat(com.google.rpc.Status.parseFrom(apiTokenSent.body()).getMessage())
        .isEqualTo("the token 'api' does not have the ingest scope, which this needs");
    assertThat(export(INGEST_TOKEN, email).statusCode()).isEqualTo(200);

    assertThat(get("/api/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> stats = get("/api/stats", null);
    assertThat(stats.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(stats.body()).get("error").asText())
        .contains("Bearer token is required");
    assertThat(get("/api/stats", INGEST_TOKEN).statusCode()).isEqualTo(403);
    assertThat(get("/api/profiles?key=email:ann@example.com", API_TOKEN).statusCode())
        .isEqualTo(200);
    assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
    HttpResponse<String> metrics = get("/metrics", API_TOKEN);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("touchline_otlp_requests_rejected_total{reason=\"unauthenticated\"} 1.0")
        .contains("touchline_otlp_requests_rejected_total{reason=\"forbidden\"} 1.0");
    // The UI's files hold no data: the page loads, then asks for the token. A browser's
    // EventSource sends no header, so the live stream takes the token in the query.
    assertThat(get("/", null).statusCode()).isEqualTo(200);
    assertThat(get("/funnels?step=login", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/overview", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/live?access_token=wrong", null).statusCode()).isEqualTo(401);
    HttpResponse<java.io.InputStream> live =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(collector.apiUrl() + "/api/live?access_token=" + API_TOKEN))
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(live.statusCode()).isEqualTo(200);
    live.body().close();
    assertThat(get("/api/stats?access_token=" + API_TOKEN, null).statusCode())
        .as("only the live stream takes the token in the query")
        .isEqualTo(401);

    HttpResponse<String> json =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(401);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(JSON.readTree(json.body()).get("code").asInt())
        .as("a JSON sender gets its Status in JSON")
        .isEqualTo(16);
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws Exception {
    start("auth:\n  ingestToken: " + INGEST_TOKEN + "\n  apiToken: " + API_TOKEN + "\n");
    KeyValue email = OtlpSpans.attribute("touchline.key.email", "ann@example.com");
    for (String scheme : List.of("bearer", "BEARER", "bEaReR")) {
      assertThat(exportAs(scheme + " " + INGEST_TOKEN, email).statusCode())
          .as("OTLP/HTTP with " + scheme)
          .isEqualTo(200);
      assertThat(exportOverGrpcAs(scheme + " " + INGEST_TOKEN).isSuccess())
          .as("OTLP/gRPC with " + scheme)
          .isTrue();
      assertThat(getAs("/api/stats", scheme + " " + API_TOKEN).statusCode())
          .as("API with " + scheme)
          .isEqualTo(200);
      assertThat(exportAs(scheme + " wrong-token", email).statusCode()).isEqualTo(401);
      assertThat(exportOverGrpcAs(scheme + " wrong-token").isSuccess()).isFalse();
      assertThat(getAs("/api/stats", scheme + " wrong-token").statusCode()).isEqualTo(401);
    }
    assertThat(getAs("/api/stats", "Basic " + API_TOKEN).statusCode()).isEqualTo(401);
    assertThat(getAs("/api/stats", API_TOKEN).statusCode()).isEqualTo(401);
    assertThat(getAs("/api/stats", "bearer" + API_TOKEN).statusCode()).isEqualTo(401);
    assertThat(get("/metrics", API_TOKEN).body())
        .contains("touchline_otlp_requests_rejected_total{reason=\"unauthenticated\"} 6.0");
  }

  @Test
  void theIngestTokenGuardsGrpcToo() throws Exception {
    start("auth:\n  ingestToken: " + INGEST_TOKEN + "\n  apiToken: " + API_TOKEN + "\n");
    assertThat(exportOverGrpc(null).isSuccess()).isFalse();
    assertThat(exportOverGrpc(API_TOKEN).isSuccess()).isFalse();
    assertThat(get("/api/stats", API_TOKEN).body()).contains("\"touchpoints\":0");
    assertThat(exportOverGrpc(INGEST_TOKEN).isSuccess()).isTrue();
    assertThat(get("/metrics", API_TOKEN).body())
        .contains("touchline_otlp_requests_rejected_total{reason=\"unauthenticated\"} 1.0")
        .contains("touchline_otlp_requests_rejected_total{reason=\"forbidden\"} 1.0");
    assertThat(get("/api/profiles?key=email:grpc@example.com", API_TOKEN).statusCode())
        .isEqualTo(200);
  }

  private io.opentelemetry.sdk.common.CompletableResultCode exportOverGrpc(String token) {
    return exportOverGrpcAs(token == null ? null : "Bearer " + token);
  }

  /** One span over OTLP/gRPC with {@code authorization} metadata (null for none). */
  private io.opentelemetry.sdk.common.CompletableResultCode exportOverGrpcAs(String authorization) {
    var builder =
        io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter.builder()
            .setEndpoint("http://" + collector.otlpGrpcAddress())
            .setRetryPolicy(null); // an UNAUTHENTICATED answer is final; no retries to wait for
    if (authorization != null) {
      builder.addHeader("Authorization", authorization);
    }
    var exporter = builder.build();
    // A processor that exports nothing: the one export below is the only request sent.
    io.opentelemetry.sdk.trace.SpanProcessor recordOnly =
        new io.opentelemetry.sdk.trace.SpanProcessor() {
          @Override
          public void onStart(
              io.opentelemetry.context.Context parent,
              io.opentelemetry.sdk.trace.ReadWriteSpan span) {}

          @Override
          public boolean isStartRequired() {
            return false;
          }

          @Override
          public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {}

          @Override
          public boolean isEndRequired() {
            return false;
          }
        };
    try (var tracerProvider =
        io.opentelemetry.sdk.trace.SdkTracerProvider.builder()
            .addSpanProcessor(recordOnly)
            .build()) {
      java.util.List<io.opentelemetry.sdk.trace.data.SpanData> spans = new java.util.ArrayList<>();
      var span =
          tracerProvider
              .get("test")
              .spanBuilder("login")
              .setAttribute("user.email", "grpc@example.com")
              .startSpan();
      span.end();
      spans.add(((io.opentelemetry.sdk.trace.ReadableSpan) span).toSpanData());
      return exporter.export(spans).join(10, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void metricsCountWhatIngestDid() throws Exception {
    start("");
    assertThat(
            export(null, OtlpSpans.attribute("touchline.key.email", "ann@example.com"))
                .statusCode())
        .isEqualTo(200);
    assertThat(export(null, OtlpSpans.attribute("http.route", "/health")).statusCode())
        .isEqualTo(200);
    assertThat(get("/api/stats", null).statusCode()).isEqualTo(200);

    HttpResponse<String> metrics = get("/metrics", null);

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("touchline_spans_received_total 2.0")
        .contains("touchline_touchpoints_stored_total 1.0")
        .contains("touchline_spans_not_touchpoints_total 1.0")
        .contains("touchline_write_queue_spans 0.0")
        .contains("touchline_commit_seconds_count 2")
        .containsPattern(
            "touchline_api_request_seconds_count\\{route=\"/api/stats\",status=\"200\"} 1")
        .containsPattern("touchline_database_bytes [1-9]")
        .contains("touchline_listener_up{listener=\"profile index\"} 1.0")
        .containsPattern("touchline_listener_up\\{listener=\"views' columns\"} [01].0")
        .contains("touchline_listener_failures_total{listener=\"live feed\"} 0.0");
  }

  @Test
  void declaredKeyTypesAndPlaceholdersApply() throws Exception {
    start(
        String.join(
            "\n",
            "keyTypes:",
            "  - name: customer_id",
            "    unique: true",
            "  - name: loyalty_card",
            "    normalize: [digits]",
            "    attributes: [loyalty.card]",
            "placeholders: [unknown]",
            ""));
    assertThat(
            export(
                    null,
                    OtlpSpans.attribute("loyalty.card", "1234-5678"),
                    OtlpSpans.attribute("touchline.key.customer_id", "unknown"),
                    OtlpSpans.attribute("touchline.key.email", "ann@example.com"))
                .statusCode())
        .isEqualTo(200);

    JsonNode profile =
        JSON.readTree(
            get(
                    "/api/profiles?key="
                        + URLEncoder.encode("loyalty_card:12345678", StandardCharsets.UTF_8),
                    null)
                .body());
    assertThat(profile.get("keys"))
        .extracting(k -> k.get("type").asText() + ":" + k.get("value").asText())
        .as("email is not declared here, so it is no key; the customer_id is a placeholder")
        .containsExactly("loyalty_card:12345678");
    assertThat(
            profile.get("touchpoints").get(0).get("attributes").get("touchline.key.email").asText())
        .isEqualTo("ann@example.com");
    assertThat(JSON.readTree(get("/api/stats", null).body()).get("placeholdersDropped").asLong())
        .isEqualTo(1);
    assertThat(get("/metrics", null).body())
        .as("the undeclared touchline.key.email is counted")
        .contains("touchline_undeclared_key_attributes_total 1.0");
  }
}

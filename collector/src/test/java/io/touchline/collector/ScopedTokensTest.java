package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.touchline.collector.config.CollectorConfigLoader;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.RawGrpcExport;
import io.touchline.collector.testing.TestCollectors;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named tokens and their scopes through a real collector: every kind of request (OTLP over HTTP and
 * gRPC, the API's answers, written responses, streams, erasures, open routes) against every kind of
 * token, the shorthand ones among them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScopedTokensTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Each caller and the token it sends; null for none. */
  private static final Map<String, String> CALLERS = new LinkedHashMap<>();

  static {
    CALLERS.put("no token", null);
    CALLERS.put("unknown token", "not-a-token-of-this-collector");
    CALLERS.put("ingest (shorthand)", "ingest-token-0123456789");
    CALLERS.put("api (shorthand)", "api-token-0123456789");
    CALLERS.put("shop-agents", "shop-token-0123456789");
    CALLERS.put("analysts", "analyst-token-0123456789");
    CALLERS.put("dpo.desk", "dpo-token-0123456789");
    CALLERS.put("admin", "admin-token-0123456789");
  }

  /** The scopes each caller's token has. */
  private static final Map<String, List<String>> SCOPES =
      Map.of(
          "no token", List.of(),
          "unknown token", List.of(),
          "ingest (shorthand)", List.of("ingest"),
          "api (shorthand)", List.of("read", "erase"),
          "shop-agents", List.of("ingest"),
          "analysts", List.of("read"),
          "dpo.desk", List.of("erase"),
          "admin", List.of("ingest", "read", "erase"));

  private final HttpClient http = HttpClient.newHttpClient();
  private final OtlpSpans spans = new OtlpSpans();
  private Collector collector;
  private ManagedChannel channel;

  @BeforeAll
  void start(@TempDir Path data) throws Exception {
    collector =
        TestCollectors.startWith(
            data,
            new CollectorConfigLoader()
                .parse(
                    "collector.yaml",
                    String.join(
                        "\n",
                        "auth:",
                        "  ingestToken: ingest-token-0123456789",
                        "  apiToken: api-token-0123456789",
                        "  tokens:",
                        "    - name: shop-agents",
                        "      token: shop-token-0123456789",
                        "      scopes: [ingest]",
                        "    - name: analysts",
                        "      token: analyst-token-0123456789",
                        "      scopes: [read]",
                        "    - name: dpo.desk",
                        "      token: dpo-token-0123456789",
                        "      scopes: [erase]",
                        "    - name: admin",
                        "      token: admin-token-0123456789",
                        "      scopes: [ingest, read, erase]",
                        "")));
    channel = NettyChannelBuilder.forTarget(collector.otlpGrpcAddress()).usePlaintext().build();
  }

  @AfterAll
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (collector != null) {
      collector.close();
    }
  }

  /** A kind of request, the scope it needs (null: none), and what it answers when let through. */
  private enum Kind {
    OTLP_HTTP("ingest", 200),
    OTLP_GRPC("ingest", 200),
    API_ANSWER("read", 200), // GET /api/stats
    API_LIST("read", 200), // GET /api/erasures, the audit trail
    METRICS("read", 200), // a response the route writes itself
    LIVE_STREAM("read", 200), // a response the route takes over
    LIVE_STREAM_QUERY_TOKEN("read", 200), // the token as ?access_token=, as EventSource sends it
    ERASE_DRY_RUN("erase", 404), // nobody holds the key: let through, nothing to erase
    ERASE("erase", 404),
    HEALTH(null, 200),
    UI_PAGE(null, 200),
    UNKNOWN_PATH(null, 404); // needs a known token, then is a 404 like any unknown path

    final String scope;
    final int answered;

    Kind(String scope, int answered) {
      this.scope = scope;
      this.answered = answered;
    }
  }

  private int expected(Kind kind, String caller) {
    boolean known = CALLERS.get(caller) != null && !caller.equals("unknown token");
    if (kind == Kind.HEALTH || kind == Kind.UI_PAGE) {
      return kind.answered;
    }
    if (!known) {
      return 401;
    }
    if (kind.scope == null || SCOPES.get(caller).contains(kind.scope)) {
      return kind.answered;
    }
    return 403;
  }

  @Test
  void everyRequestNeedsATokenWithItsScope() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (String caller : CALLERS.keySet()) {
        String token = CALLERS.get(caller);
        int answered = send(kind, token == null ? null : "Bearer " + token);
        int expected = expected(kind, caller);
        if (answered != expected) {
          wrong.add(kind + " with " + caller + ": " + answered + ", expected " + expected);
        }
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theSchemeIsCaseInsensitiveForNamedTokens() throws Exception {
    for (String scheme : List.of("bearer", "BEARER")) {
      assertThat(send(Kind.OTLP_HTTP, scheme + " shop-token-0123456789")).isEqualTo(200);
      assertThat(send(Kind.OTLP_GRPC, scheme + " shop-token-0123456789")).isEqualTo(200);
      assertThat(send(Kind.API_ANSWER, scheme + " analyst-token-0123456789")).isEqualTo(200);
      assertThat(send(Kind.ERASE, scheme + " dpo-token-0123456789")).isEqualTo(404);
      assertThat(send(Kind.API_ANSWER, scheme + " dpo-token-0123456789")).isEqualTo(403);
    }
  }

  @Test
  void aRefusalNamesTheMissingScopeAndNeverTheToken() throws Exception {
    HttpResponse<String> erase =
        http.send(
            api("/api/profiles?key=email:nobody@example.com", "analyst-token-0123456789")
                .DELETE()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(erase.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(erase.body()).get("error").asText())
        .isEqualTo("the token 'analysts' does not have the erase scope, which this needs");
    assertThat(erase.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"touchline\", error=\"insufficient_scope\", scope=\"erase\"");
    assertThat(erase.body()).doesNotContain("analyst-token");

    HttpResponse<byte[]> otlp = export("Bearer analyst-token-0123456789");
    assertThat(otlp.statusCode()).isEqualTo(403);
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(otlp.body());
    assertThat(status.getCode()).isEqualTo(7); // PERMISSION_DENIED
    assertThat(status.getMessage())
        .isEqualTo("the token 'analysts' does not have the ingest scope, which this needs");
    assertThat(otlp.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"touchline\", error=\"insufficient_scope\", scope=\"ingest\"");

    StatusRuntimeException grpc = grpcRefusal("Bearer dpo-token-0123456789");
    assertThat(grpc.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED);
    assertThat(grpc.getStatus().getDescription())
        .isEqualTo("the token 'dpo.desk' does not have the ingest scope, which this needs");
    assertThat(grpcRefusal("Bearer not-a-token-of-this-collector").getStatus().getCode())
        .isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);

    HttpResponse<String> unknown =
        http.send(
            api("/api/stats", "not-a-token-of-this-collector").build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(unknown.body()).get("error").asText())
        .isEqualTo("the bearer token is not valid");
    assertThat(unknown.headers().firstValue("WWW-Authenticate"))
        .hasValue("Bearer realm=\"touchline\"");

    // A token in the query that is not even well-formed is a refusal, never a failure (sent raw:
    // the JDK's client refuses to send such a URI; the server answers 400 for the URI itself).
    URI base = URI.create(collector.apiUrl());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
      socket
          .getOutputStream()
          .write(
              "GET /api/live?access_token=%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      String statusLine =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(statusLine).matches("HTTP/1\\.1 40[01] .*");
    }
  }

  @Test
  void theAuditRecordsTheNameOfTheTokenAnErasureWasAskedWith() throws Exception {
    for (String email : List.of("carol@example.com", "dave@example.com")) {
      HttpResponse<byte[]> stored =
          http.send(
              HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                  .header("Content-Type", "application/x-protobuf")
                  .header("Authorization", "Bearer admin-token-0123456789")
                  .POST(
                      HttpRequest.BodyPublishers.ofByteArray(
                          OtlpSpans.request(
                                  List.of(OtlpSpans.attribute("service.name", "shop")),
                                  spans
                                      .span(
                                          "login",
                                          OtlpSpans.attribute("touchline.key.email", email))
                                      .build())
                              .toByteArray()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      assertThat(stored.statusCode()).isEqualTo(200);
    }
    assertThat(erase("email:carol@example.com", "dpo-token-0123456789").statusCode())
        .isEqualTo(200);
    assertThat(erase("email:dave@example.com", "api-token-0123456789").statusCode()).isEqualTo(200);

    JsonNode audit =
        JSON.readTree(
            http.send(
                    api("/api/erasures", "analyst-token-0123456789").build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(audit.get("erasures"))
        .extracting(record -> record.get("tokenName").asText())
        .containsExactlyInAnyOrder("dpo.desk", "api");
    assertThat(audit.toString()).doesNotContain("dpo-token").doesNotContain("api-token");
  }

  private HttpResponse<String> erase(String key, String token) throws Exception {
    return http.send(
        api("/api/profiles?key=" + key, token).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void refusalsAreCountedByReasonAndRoute() throws Exception {
    send(Kind.OTLP_HTTP, "Bearer analyst-token-0123456789");
    send(Kind.OTLP_GRPC, null);
    send(Kind.API_ANSWER, "Bearer shop-token-0123456789");
    send(Kind.API_ANSWER, null);
    String metrics =
        http.send(
                api("/metrics", "analyst-token-0123456789").build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metric(metrics, "touchline_otlp_requests_rejected_total{reason=\"forbidden\"}"))
        .isPositive();
    assertThat(
            metric(metrics, "touchline_otlp_requests_rejected_total{reason=\"unauthenticated\"}"))
        .isPositive();
    assertThat(
            metric(
                metrics,
                "touchline_api_request_seconds_count{route=\"/api/stats\",status=\"403\"}"))
        .isPositive();
    assertThat(
            metric(
                metrics,
                "touchline_api_request_seconds_count{route=\"/api/stats\",status=\"401\"}"))
        .isPositive();
  }

  private static double metric(String metrics, String series) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1)))
        .findFirst()
        .orElse(0);
  }

  /** Sends one request of this kind with {@code authorization} (null for none); its status. */
  private int send(Kind kind, String authorization) throws Exception {
    String key = "email:nobody@example.com";
    return switch (kind) {
      case OTLP_HTTP -> export(authorization).statusCode();
      case OTLP_GRPC -> exportOverGrpc(authorization);
      case API_ANSWER -> get("/api/stats", authorization);
      case API_LIST -> get("/api/erasures", authorization);
      case METRICS -> get("/metrics", authorization);
      case LIVE_STREAM -> stream("/api/live", authorization);
      case LIVE_STREAM_QUERY_TOKEN ->
          stream(
              authorization == null
                  ? "/api/live"
                  : "/api/live?access_token="
                      + URLEncoder.encode(
                          authorization.substring(authorization.indexOf(' ') + 1),
                          StandardCharsets.UTF_8),
              null);
      case ERASE_DRY_RUN ->
          http.send(
                  request("/api/profiles?key=" + key + "&dryRun=true", authorization)
                      .DELETE()
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      case ERASE ->
          http.send(
                  request("/api/profiles?key=" + key, authorization).DELETE().build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode();
      case HEALTH -> get("/api/health", authorization);
      case UI_PAGE -> get("/", authorization);
      case UNKNOWN_PATH -> get("/api/nothing-here", authorization);
    };
  }

  private HttpRequest.Builder api(String path, String token) {
    return request(path, "Bearer " + token);
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(collector.apiUrl() + path));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private int get(String path, String authorization) throws Exception {
    return http.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  /** Opens a stream and closes it at once: only its status counts here. */
  private int stream(String path, String authorization) throws Exception {
    HttpResponse<InputStream> response =
        http.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    return response.statusCode();
  }

  private HttpResponse<byte[]> export(String authorization) throws Exception {
    byte[] body =
        OtlpSpans.request(
                List.of(OtlpSpans.attribute("service.name", "shop")),
                spans
                    .span("login", OtlpSpans.attribute("touchline.key.email", "ann@example.com"))
                    .build())
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

  /** One Export over gRPC; its outcome as the HTTP status OTLP/HTTP would have answered. */
  private int exportOverGrpc(String authorization) {
    try {
      grpcExport(authorization);
      return 200;
    } catch (StatusRuntimeException e) {
      return switch (e.getStatus().getCode()) {
        case UNAUTHENTICATED -> 401;
        case PERMISSION_DENIED -> 403;
        default -> throw e;
      };
    }
  }

  private StatusRuntimeException grpcRefusal(String authorization) {
    try {
      grpcExport(authorization);
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the export was accepted");
  }

  private void grpcExport(String authorization) {
    Metadata headers = new Metadata();
    if (authorization != null) {
      headers.put(
          Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
    }
    byte[] body =
        OtlpSpans.request(
                List.of(OtlpSpans.attribute("service.name", "shop")),
                spans
                    .span("login", OtlpSpans.attribute("touchline.key.email", "bob@example.com"))
                    .build())
            .toByteArray();
    ClientCalls.blockingUnaryCall(
        io.grpc.ClientInterceptors.intercept(
            channel, io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers)),
        RawGrpcExport.METHOD,
        CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
        body);
  }
}

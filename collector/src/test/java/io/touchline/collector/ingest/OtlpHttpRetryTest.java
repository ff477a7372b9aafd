package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retryable answers over OTLP/HTTP: nothing was kept, and the sender is told when to come back. */
class OtlpHttpRetryTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private final IngestCounters counters = new IngestCounters();
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String start(TouchpointSink sink) throws Exception {
    TraceIngest ingest =
        new TraceIngest(
            new SpanTranslator(KeyTypes.defaults()), sink, counters, Duration.ofSeconds(5));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", new OtlpHttpHandler(ingest, 1 << 20));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  private HttpResponse<byte[]> post(String url, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] oneTouchpoint() {
    return OtlpSpans.request(
            List.of(OtlpSpans.attribute("service.name", "shop")),
            new OtlpSpans()
                .span("login", OtlpSpans.attribute("touchline.key.email", "ann@example.com"))
                .build())
        .toByteArray();
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterInTheRequestsEncoding() throws Exception {
    String url =
        start(
            batch -> {
              throw new SinkFullException(
                  "the write queue is full (10 spans waiting); retry later");
            });

    HttpResponse<byte[]> protobuf = post(url, "application/x-protobuf", oneTouchpoint());
    assertThat(protobuf.statusCode()).isEqualTo(503);
    assertThat(protobuf.headers().firstValue("Retry-After")).hasValue("1");
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(protobuf.body());
    assertThat(status.getCode()).isEqualTo(14); // UNAVAILABLE
    assertThat(status.getMessage()).contains("write queue is full");

    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
            + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"login\",\"attributes\":[{\"key\":\"user.id\",\"value\":{\"stringValue\":\"C-1\"}}]}]}]}]}";
    HttpResponse<byte[]> answer =
        post(url, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8))
        .contains("\"code\":14")
        .contains("write queue is full");

    assertThat(counters.spansRejected()).containsEntry("queue_full", 2L);
    assertThat(counters.touchpointsStored()).isZero();
  }

  @Test
  void aFailedCommitAnswers503AndCountsTheReason() throws Exception {
    String url =
        start(batch -> CompletableFuture.failedFuture(new java.sql.SQLException("disk full")));

    HttpResponse<byte[]> answer = post(url, "application/x-protobuf", oneTouchpoint());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(com.google.rpc.Status.parseFrom(answer.body()).getMessage())
        .isEqualTo("could not store the batch: disk full");
    assertThat(counters.spansRejected()).containsEntry("store_error", 1L);
  }
}

package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import com.sun.net.httpserver.HttpServer;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A failure that is the collector's fault, an {@link Error} included, is answered over OTLP/HTTP
 * with a 500 and a request id found in the log, and the server goes on serving.
 */
class OtlpHttpFailureTest {

  private static final Pattern ANSWER =
      Pattern.compile("internal error \\(request ([0-9a-f]{12})\\)");

  private final HttpClient http = HttpClient.newHttpClient();
  private final IngestCounters counters = new IngestCounters();
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /**
   * No executor: the JDK server runs the handler on its one dispatcher thread, so an Error that
   * escaped it would leave the server answering nothing at all.
   */
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
            .timeout(Duration.ofSeconds(10))
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
  void anErrorIsA500WithARequestIdLoggedWithItsStackAndTheNextRequestIsServed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String url =
        start(
            batch -> {
              if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("injected");
              }
              if (calls.get() == 2) {
                throw new StackOverflowError();
              }
              return CompletableFuture.completedFuture(null);
            });

    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    HttpResponse<byte[]> protobuf;
    HttpResponse<byte[]> json;
    try {
      protobuf = post(url, "application/x-protobuf", oneTouchpoint());
      json = post(url, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
    } finally {
      System.setErr(stderr);
    }

    assertThat(protobuf.statusCode()).isEqualTo(500);
    Status status = Status.parseFrom(protobuf.body());
    assertThat(status.getCode()).isEqualTo(13); // INTERNAL
    Matcher id = ANSWER.matcher(status.getMessage());
    assertThat(id.matches()).as(status.getMessage()).isTrue();
    String logged = log.toString(StandardCharsets.UTF_8);
    assertThat(logged)
        .contains(
            "touchline collector: OTLP/HTTP POST /v1/traces failed (request "
                + id.group(1)
                + "): java.lang.OutOfMemoryError: injected")
        .contains("\tat ");

    assertThat(json.statusCode()).isEqualTo(500);
    assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(new String(json.body(), StandardCharsets.UTF_8))
        .containsPattern("\"message\": ?\"internal error \\(request [0-9a-f]{12}\\)\"");

    assertThat(post(url, "application/x-protobuf", oneTouchpoint()).statusCode()).isEqualTo(200);
    assertThat(counters.requestsRejected()).isEqualTo(Map.of("internal_error", 2L));
  }
}

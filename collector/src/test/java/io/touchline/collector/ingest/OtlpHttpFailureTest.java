package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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

  private final OtlpHttpOnSink otlp = new OtlpHttpOnSink();

  @AfterEach
  void stop() {
    otlp.stop();
  }

  @Test
  void anErrorIsA500WithARequestIdLoggedWithItsStackAndTheNextRequestIsServed() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String url =
        otlp.start(
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
      protobuf = otlp.post(url, "application/x-protobuf", OtlpHttpOnSink.oneTouchpoint());
      json = otlp.post(url, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
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

    assertThat(
            otlp.post(url, "application/x-protobuf", OtlpHttpOnSink.oneTouchpoint()).statusCode())
        .isEqualTo(200);
    assertThat(otlp.counters().requestsRejected()).isEqualTo(Map.of("internal_error", 2L));
  }
}

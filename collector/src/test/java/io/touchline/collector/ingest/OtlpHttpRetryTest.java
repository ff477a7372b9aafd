package io.touchline.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Retryable answers over OTLP/HTTP: nothing was kept, and the sender is told when to come back. */
class OtlpHttpRetryTest {

  private final OtlpHttpOnSink otlp = new OtlpHttpOnSink();

  @AfterEach
  void stop() {
    otlp.stop();
  }

  @Test
  void aFullQueueAnswers503WithRetryAfterInTheRequestsEncoding() throws Exception {
    String url =
        otlp.start(
            batch -> {
              throw new SinkFullException(
                  "the write queue is full (10 spans waiting); retry later");
            });

    HttpResponse<byte[]> protobuf =
        otlp.post(url, "application/x-protobuf", OtlpHttpOnSink.oneTouchpoint());
    assertThat(protobuf.statusCode()).isEqualTo(503);
    assertThat(protobuf.headers().firstValue("Retry-After")).hasValue("1");
    com.google.rpc.Status status = com.google.rpc.Status.parseFrom(protobuf.body());
    assertThat(status.getCode()).isEqualTo(14); // UNAVAILABLE
    assertThat(status.getMessage()).contains("write queue is full");

    String json =
        "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"5b8efff798038103d269b633813fc60c\","
            + "\"spanId\":\"eee19b7ec3c1b174\",\"name\":\"login\",\"attributes\":[{\"key\":\"user.id\",\"value\":{\"stringValue\":\"C-1\"}}]}]}]}]}";
    HttpResponse<byte[]> answer =
        otlp.post(url, "application/json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(new String(answer.body(), StandardCharsets.UTF_8))
        .contains("\"code\":14")
        .contains("write queue is full");

    assertThat(otlp.counters().spansRejected()).containsEntry("queue_full", 2L);
    assertThat(otlp.counters().touchpointsStored()).isZero();
  }

  @Test
  void aFailedCommitAnswers503AndCountsTheReason() throws Exception {
    String url =
        otlp.start(batch -> CompletableFuture.failedFuture(new java.sql.SQLException("disk full")));

    HttpResponse<byte[]> answer =
        otlp.post(url, "application/x-protobuf", OtlpHttpOnSink.oneTouchpoint());

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(com.google.rpc.Status.parseFrom(answer.body()).getMessage())
        .isEqualTo("could not store the batch: disk full");
    assertThat(otlp.counters().spansRejected()).containsEntry("store_error", 1L);
  }

  @Test
  void aFailingStoreAnswers503AtOnceOrAfterTheQueueAndCountsTheReason() throws Exception {
    SinkFailingException failing =
        new SinkFailingException("the store cannot write at the moment (File too large)", 5);
    boolean[] atOnce = {true};
    String url =
        otlp.start(
            batch -> {
              atOnce[0] = !atOnce[0];
              if (!atOnce[0]) {
                throw failing; // refused by submit
              }
              return CompletableFuture.failedFuture(failing); // refused by the writer
            });

    for (int i = 0; i < 2; i++) {
      HttpResponse<byte[]> answer =
          otlp.post(url, "application/x-protobuf", OtlpHttpOnSink.oneTouchpoint());
      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).hasValue("5");
      assertThat(com.google.rpc.Status.parseFrom(answer.body()).getMessage())
          .isEqualTo("the store cannot write at the moment (File too large)");
    }
    assertThat(otlp.counters().spansRejected()).containsOnlyKeys("store_failing");
    assertThat(otlp.counters().spansRejected()).containsEntry("store_failing", 2L);
  }
}

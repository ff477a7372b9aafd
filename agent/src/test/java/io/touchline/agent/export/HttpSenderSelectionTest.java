package io.touchline.agent.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.export.HttpSenderProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.touchline.agent.config.ExportSettings;
import io.touchline.agent.testing.OtlpReceiver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSenderSelectionTest {

  @Test
  void picksTheJdkClientOnJava11AndUrlConnectionOnJava8() {
    HttpSenderProvider modern =
        new HttpSenderSelection(true).load(HttpSenderProvider.class).iterator().next();
    HttpSenderProvider legacy =
        new HttpSenderSelection(false).load(HttpSenderProvider.class).iterator().next();
    assertThat(modern.getClass().getName()).endsWith("JdkHttpSenderProvider");
    assertThat(legacy.getClass().getName()).doesNotContain("Jdk");
  }

  @Test
  void exportHttpClientChoosesEitherClientOnThisJvm() {
    assertThat(HttpSenderSelection.forRunningJvm(ExportSettings.HttpClient.AUTO).senderName())
        .isEqualTo("java.net.http");
    assertThat(
            HttpSenderSelection.forRunningJvm(ExportSettings.HttpClient.JAVA_NET_HTTP).senderName())
        .isEqualTo("java.net.http");
    HttpSenderSelection urlConnection =
        HttpSenderSelection.forRunningJvm(ExportSettings.HttpClient.HTTP_URL_CONNECTION);
    assertThat(urlConnection.senderName()).isEqualTo("HttpURLConnection");
    assertThat(urlConnection.load(HttpSenderProvider.class).iterator().next().getClass().getName())
        .doesNotContain("Jdk");
  }

  /** Both senders deliver real OTLP/HTTP protobuf, plain and gzip-compressed. */
  @ParameterizedTest
  @ValueSource(strings = {"jdk:none", "jdk:gzip", "urlconnection:none", "urlconnection:gzip"})
  void bothSendersDeliverSpans(String variant) throws Exception {
    String[] parts = variant.split(":");
    try (OtlpReceiver receiver = new OtlpReceiver()) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setComponentLoader(new HttpSenderSelection(parts[0].equals("jdk")))
              .setEndpoint(receiver.endpoint() + "/v1/traces")
              .setCompression(parts[1])
              .addHeader("Authorization", "Bearer t")
              .build();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(exporter))
              .build();
      provider
          .get("test")
          .spanBuilder("cart.add")
          .setAttribute(AttributeKey.stringKey("touchline.key.session"), "s-1")
          .startSpan()
          .end();
      provider.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);

      List<OtlpReceiver.Received> spans = receiver.awaitSpans(1, Duration.ofSeconds(5));
      assertThat(spans).hasSize(1);
      assertThat(spans.get(0).span.getName()).isEqualTo("cart.add");
      assertThat(spans.get(0).attribute("touchline.key.session")).isEqualTo("s-1");
      assertThat(receiver.contentTypes()).containsOnly("application/x-protobuf");
      provider.shutdown();
    }
  }

  /** An overloaded collector says when to come back; both senders wait that long, then succeed. */
  @ParameterizedTest
  @ValueSource(strings = {"jdk", "urlconnection"})
  void bothSendersHonourRetryAfter(String sender) throws Exception {
    try (OtlpReceiver receiver = new OtlpReceiver(503, 1, "1")) {
      OtlpHttpSpanExporter exporter =
          OtlpHttpSpanExporter.builder()
              .setComponentLoader(new HttpSenderSelection(sender.equals("jdk")))
              .setEndpoint(receiver.endpoint() + "/v1/traces")
              .setRetryPolicy(SpanPipeline.retryPolicy(() -> false))
              .build();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .addSpanProcessor(SimpleSpanProcessor.create(exporter))
              .build();
      long start = System.nanoTime();
      provider.get("test").spanBuilder("pay").startSpan().end();
      assertThat(provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
          .isTrue();
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      assertThat(receiver.spans()).hasSize(1);
      assertThat(receiver.requests()).isEqualTo(2);
      assertThat(waitedMillis)
          .as("waited the second Retry-After asked for")
          .isGreaterThanOrEqualTo(1_000);
      provider.shutdown();
    }
  }

  @Test
  void readsRetryAfterInSecondsOrAsAnHttpDate() {
    assertThat(RetryAfter.parse("3")).isEqualTo(3_000_000_000L);
    assertThat(RetryAfter.parse(null)).isEqualTo(-1);
    assertThat(RetryAfter.parse("soon")).isEqualTo(-1);
    assertThat(RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT")).isZero(); // in the past
    String inAMinute =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));
    assertThat(RetryAfter.parse(inAMinute)).isBetween(50_000_000_000L, 61_000_000_000L);
  }

  @Test
  void readsTheJavaVersion() {
    assertThat(HttpSenderSelection.javaFeatureVersion()).isGreaterThanOrEqualTo(17);
  }
}

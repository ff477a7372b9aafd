package io.touchline.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.Collector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A test's calls to a running collector: API answers read as JSON, spans sent over OTLP/HTTP. */
public final class CollectorHttp {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** For tests that read JSON out of other answers (a CSV cell). */
  public static final ObjectMapper JSON_READER = JSON;

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private CollectorHttp() {}

  /** {@code GET path} on the API, which must answer {@code status}; its JSON body. */
  public static JsonNode get(Collector collector, String path, int status) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /** {@code GET path} on the API, which must answer 200; the raw answer, headers included. */
  public static HttpResponse<String> getRaw(Collector collector, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + " answered " + response.body()).isEqualTo(200);
    return response;
  }

  /** {@code DELETE path} on the API, which must answer {@code status}; its JSON body. */
  public static JsonNode delete(Collector collector, String path, int status) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + path)).DELETE().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("DELETE " + path + " answered " + response.body())
        .isEqualTo(status);
    return JSON.readTree(response.body());
  }

  /**
   * Sends the spans as one OTLP/HTTP protobuf request from {@code service}; the collector must
   * accept them.
   */
  public static void export(Collector collector, String service, Span... spans) throws Exception {
    byte[] body =
        OtlpSpans.request(List.of(OtlpSpans.attribute("service.name", service)), spans)
            .toByteArray();
    HttpResponse<byte[]> exported =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(exported.statusCode()).isEqualTo(200);
  }
}

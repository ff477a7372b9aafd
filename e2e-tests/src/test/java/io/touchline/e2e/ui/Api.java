package io.touchline.e2e.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The collector's REST API as the tests read it: what the UI must show. */
final class Api {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A status, its content type and body. */
  record Answer(int status, String type, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }
  }

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Api(String base) {
    this.base = base;
  }

  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** GETs JSON that must answer 200. */
  JsonNode json(String pathAndQuery) throws IOException, InterruptedException {
    Answer answer = get(pathAndQuery);
    if (answer.status() != 200) {
      throw new AssertionError(
          "GET " + pathAndQuery + " answered " + answer.status() + ": " + answer.body());
    }
    return answer.json();
  }

  /** Posts OTLP/JSON to the collector's OTLP/HTTP endpoint; the status. */
  static int postOtlp(String otlpBase, String json) throws IOException, InterruptedException {
    String url =
        otlpBase.endsWith("/v1/traces") ? otlpBase : otlpBase.replaceAll("/$", "") + "/v1/traces";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }

  /** Posts OTLP/protobuf to the collector's OTLP/HTTP endpoint, as the agents send; the status. */
  static int postOtlpProtobuf(String otlpBase, byte[] request)
      throws IOException, InterruptedException {
    String url =
        otlpBase.endsWith("/v1/traces") ? otlpBase : otlpBase.replaceAll("/$", "") + "/v1/traces";
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}

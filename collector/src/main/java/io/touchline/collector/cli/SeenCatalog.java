package io.touchline.collector.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The touchpoint names and channels a running collector has seen, as its {@code GET /api/catalog}
 * answers them: what a rule's steps can be checked against.
 *
 * @param channels every channel seen
 * @param touchpoints each touchpoint name with the channels it was seen on
 */
record SeenCatalog(Set<String> channels, Map<String, Set<String>> touchpoints) {

  /** The views answer 503 while they read the store back after a start: worth waiting for. */
  static final int ATTEMPTS = 30;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param api the collector's API base URL, e.g. {@code http://127.0.0.1:8080}
   * @param token a bearer token with the read scope, or null
   * @throws IOException saying why the catalog could not be had
   */
  static SeenCatalog fetch(HttpClient http, URI api, String token)
      throws IOException, InterruptedException {
    URI catalog = api.resolve("/api/catalog");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(catalog).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IOException("cannot reach the collector at " + api + ": " + e, e);
      }
      switch (response.statusCode()) {
        case 200:
          return parse(response.body());
        case 401:
        case 403:
          throw new IOException(
              catalog
                  + " answered "
                  + response.statusCode()
                  + ": give a token with the read scope (--token, or the environment variable"
                  + " TOUCHLINE_API_TOKEN)");
        case 503:
          if (attempt < ATTEMPTS) {
            Thread.sleep(1_000);
            continue;
          }
          throw new IOException(catalog + " still answers 503 after " + ATTEMPTS + " s");
        default:
          throw new IOException(
              catalog + " answered " + response.statusCode() + ": " + response.body());
      }
    }
  }

  static SeenCatalog parse(String body) throws IOException {
    JsonNode root = JSON.readTree(body);
    Set<String> channels = new TreeSet<>();
    root.path("channels").forEach(channel -> channels.add(channel.asText()));
    Map<String, Set<String>> touchpoints = new TreeMap<>();
    for (JsonNode row : root.path("touchpoints")) {
      Set<String> on =
          touchpoints.computeIfAbsent(row.path("touchpoint").asText(), n -> new TreeSet<>());
      if (row.hasNonNull("channel")) {
        on.add(row.get("channel").asText());
      }
    }
    return new SeenCatalog(channels, touchpoints);
  }
}

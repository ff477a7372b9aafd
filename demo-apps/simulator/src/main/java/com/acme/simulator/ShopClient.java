package com.acme.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** One browser: its own cookie jar, so each simulated customer has a session of their own. */
final class ShopClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String shop;
  private final HttpClient http;

  ShopClient(String shop) {
    this.shop = shop;
    this.http =
        HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
  }

  JsonNode get(String path) throws IOException, InterruptedException {
    return expect(200, send(HttpRequest.newBuilder(uri(path)).GET()), "GET " + path);
  }

  JsonNode post(String path, String form, int expected) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    return expect(expected, send(request), "POST " + path);
  }

  static String form(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode expect(int status, HttpResponse<String> response, String what) throws IOException {
    if (response.statusCode() != status) {
      throw new IOException(what + " answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create(shop + path);
  }
}

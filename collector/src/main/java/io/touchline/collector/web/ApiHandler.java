package io.touchline.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.stitch.KeyType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The REST API under {@code /api}: health, profiles by key or id, stats. Every answer is JSON;
 * every error is {@code {"error": "..."}} with a status that says whose fault it is.
 */
public final class ApiHandler implements HttpHandler {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProfileQuery profiles;
  private final Supplier<Boolean> ready;

  public ApiHandler(ProfileQuery profiles, Supplier<Boolean> ready) {
    this.profiles = profiles;
    this.ready = ready;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        route(exchange);
      } catch (ApiException e) {
        error(exchange, e.status(), e.getMessage());
      } catch (Exception e) {
        error(exchange, 500, "internal error: " + e.getMessage());
      }
    }
  }

  private void route(HttpExchange exchange) throws Exception {
    String path = exchange.getRequestURI().getPath();
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().add("Allow", "GET");
      throw new ApiException(405, exchange.getRequestMethod() + " is not allowed on " + path);
    }
    Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
    switch (path) {
      case "/api/health" -> {
        if (!ready.get()) {
          throw new ApiException(503, "starting");
        }
        json(exchange, 200, Map.of("status", "ok"));
      }
      case "/api/stats" -> json(exchange, 200, profiles.stats());
      case "/api/profiles" -> {
        CustomerKey key = parseKey(query.get("key"));
        Object profile =
            profiles.byKey(key).orElseThrow(() -> new ApiException(404, "no profile has key " + key));
        json(exchange, 200, profile);
      }
      default -> {
        if (path.startsWith("/api/profiles/") && path.length() > "/api/profiles/".length()) {
          String id = path.substring("/api/profiles/".length());
          Object profile =
              profiles.byId(id).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
          json(exchange, 200, profile);
        } else {
          throw new ApiException(404, "no such endpoint: " + path + " (see docs/api.md)");
        }
      }
    }
  }

  /** {@code type:value}: the type is everything before the first colon; the value is normalised. */
  private CustomerKey parseKey(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new ApiException(400, "give the key to look up: ?key=<type>:<value>, e.g. ?key=email:ann@example.com");
    }
    int colon = raw.indexOf(':');
    if (colon <= 0 || colon == raw.length() - 1) {
      throw new ApiException(400, "key must be <type>:<value>, was '" + raw + "'");
    }
    String typeName = raw.substring(0, colon);
    Optional<KeyType> type = profiles.keyTypes().named(typeName);
    if (type.isEmpty()) {
      throw new ApiException(
          400, "unknown key type '" + typeName + "'; known types: " + String.join(", ", profiles.keyTypes().names()));
    }
    String value = raw.substring(colon + 1);
    return new CustomerKey(typeName, value.startsWith("hmac-sha256:") ? value : type.get().normalize(value));
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static void error(HttpExchange exchange, int status, String message) throws IOException {
    json(exchange, status, Map.of("error", message));
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    int status() {
      return status;
    }
  }
}

package com.acme.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One HTTP request and its answer: a JSON body in, JSON out, query parameters. */
public final class JsonExchange {

  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final HttpExchange exchange;
  private JsonNode body;

  public JsonExchange(HttpExchange exchange) {
    this.exchange = exchange;
  }

  public String method() {
    return exchange.getRequestMethod();
  }

  public String path() {
    return exchange.getRequestURI().getPath();
  }

  /** An optional text field of the JSON body; null when missing or empty. */
  public String optionalField(String name) throws IOException {
    JsonNode value = body().get(name);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }

  /** The base URL the caller reached this server at, from its Host header. */
  public String baseUrl() {
    String host = exchange.getRequestHeaders().getFirst("Host");
    return "http://" + (host == null ? "127.0.0.1:" + exchange.getLocalAddress().getPort() : host);
  }

  public void bytes(int status, String contentType, byte[] bytes) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public void redirect(String location) throws IOException {
    exchange.getResponseHeaders().set("Location", location);
    exchange.sendResponseHeaders(302, -1);
  }

  /** A required text field of the JSON body; 400 when it is missing or empty. */
  public String field(String name) throws IOException {
    JsonNode value = body().get(name);
    if (value == null || value.isNull() || value.asText().isBlank()) {
      throw new IllegalArgumentException(name + " is required");
    }
    return value.asText();
  }

  /** A required whole-number field of the JSON body. */
  public int intField(String name) throws IOException {
    JsonNode value = body().get(name);
    if (value == null || !value.canConvertToInt()) {
      throw new IllegalArgumentException(name + " must be a whole number");
    }
    return value.asInt();
  }

  /** A required query parameter; 400 when it is missing or empty. */
  public String query(String name) {
    String value = optionalQuery(name);
    if (value == null) {
      throw new IllegalArgumentException("query parameter " + name + " is required");
    }
    return value;
  }

  /** An optional query parameter; null when missing or empty. */
  public String optionalQuery(String name) {
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0
            && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
          String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
          if (!value.isBlank()) {
            return value;
          }
        }
      }
    }
    return null;
  }

  private JsonNode body() throws IOException {
    if (body == null) {
      try (InputStream in = exchange.getRequestBody()) {
        byte[] bytes = in.readAllBytes();
        try {
          body = bytes.length == 0 ? JsonNodeFactory.instance.objectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
          throw new IllegalArgumentException("the body is not JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
          throw new IllegalArgumentException("the body must be a JSON object");
        }
      }
    }
    return body;
  }

  public void json(int status, Object answer) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  public void error(int status, String message) throws IOException {
    json(status, Map.of("error", message));
  }
}

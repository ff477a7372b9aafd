package com.acme.shop.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpCookie;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One HTTP request and its response: form parameters, the session cookie, JSON out. */
final class WebRequest {

  static final String SESSION_COOKIE = "SHOPSESSION";
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final HttpExchange exchange;
  private Map<String, String> parameters;

  WebRequest(HttpExchange exchange) {
    this.exchange = exchange;
  }

  String method() {
    return exchange.getRequestMethod();
  }

  String path() {
    return exchange.getRequestURI().getPath();
  }

  Optional<String> sessionCookie() {
    List<String> headers = exchange.getRequestHeaders().get("Cookie");
    if (headers == null) {
      return Optional.empty();
    }
    for (String header : headers) {
      for (String part : header.split(";")) {
        String trimmed = part.trim();
        if (trimmed.startsWith(SESSION_COOKIE + "=")) {
          return Optional.of(trimmed.substring(SESSION_COOKIE.length() + 1));
        }
      }
    }
    return Optional.empty();
  }

  void setSessionCookie(String sessionId) {
    HttpCookie cookie = new HttpCookie(SESSION_COOKIE, sessionId);
    exchange
        .getResponseHeaders()
        .add("Set-Cookie", SESSION_COOKIE + "=" + cookie.getValue() + "; Path=/; HttpOnly");
  }

  /** Query and form parameters together; a form field wins over a query parameter. */
  Optional<String> parameter(String name) throws IOException {
    if (parameters == null) {
      parameters = new HashMap<>();
      decodeInto(exchange.getRequestURI().getRawQuery(), parameters);
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
        try (InputStream body = exchange.getRequestBody()) {
          decodeInto(new String(body.readAllBytes(), StandardCharsets.UTF_8), parameters);
        }
      }
    }
    return Optional.ofNullable(parameters.get(name)).filter(v -> !v.isBlank());
  }

  void json(int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  void error(int status, String message) throws IOException {
    json(status, Map.of("error", message));
  }

  private static void decodeInto(String encoded, Map<String, String> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(name, value);
    }
  }
}

package io.touchline.collector.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.SharedKeyException;
import io.touchline.collector.query.TouchpointListQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The REST API: health, profiles by key or id and their identity graphs, touchpoints in store
 * order, stats, erasure and its audit trail. Every answer is JSON; every error is
 * {@code {"error": "..."}} with a status that says whose fault it is. An unknown path is a 404
 * whatever the method; a known path asked with the wrong method is a 405.
 */
public final class ApiHandler implements HttpHandler {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROFILES = "/api/profiles";
  private static final String TOUCHPOINTS = "/api/touchpoints";
  private static final String GRAPH = "/graph";
  private static final String ERASURES = "/api/erasures";

  private static final String METRICS = "/metrics";

  private final ProfileQuery profiles;
  private final TouchpointListQuery touchpoints;
  private final ProfileEraser eraser;
  private final BooleanSupplier ready;
  private final CollectorMetrics metrics;

  public ApiHandler(
      ProfileQuery profiles, TouchpointListQuery touchpoints, ProfileEraser eraser, BooleanSupplier ready,
      CollectorMetrics metrics) {
    this.profiles = profiles;
    this.touchpoints = touchpoints;
    this.eraser = eraser;
    this.ready = ready;
    this.metrics = metrics;
  }

  /** What one endpoint does with a GET. */
  private interface Endpoint {
    Object answer(String path, Map<String, String> query) throws Exception;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    int status = 500;
    try (exchange) {
      try {
        if (UiAssets.owns(path) && "GET".equals(exchange.getRequestMethod())) {
          status = 200;
          UiAssets.serve(exchange, path);
          return;
        }
        Endpoint endpoint = endpoint(path);
        String method = exchange.getRequestMethod();
        if (path.equals(PROFILES) && "DELETE".equals(method)) {
          endpoint = (p, q) -> erase(q);
        } else if (!"GET".equals(method)) {
          String allowed = path.equals(PROFILES) ? "GET, DELETE" : "GET";
          exchange.getResponseHeaders().set("Allow", allowed);
          throw new ApiException(405, method + " is not allowed on " + path + "; use " + allowed.replace(", ", " or "));
        }
        if (path.equals(METRICS)) {
          status = 200;
          exchange.getResponseHeaders().set("Content-Type", metrics.contentType());
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            metrics.writeTo(out);
          }
          return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String format = query.getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
          throw new ApiException(400, "format must be json or csv, not '" + format + "'");
        }
        Object answer = endpoint.answer(path, query);
        status = 200;
        if (format.equals("csv")) {
          byte[] csv = CsvTables.of(answer).orElseThrow(() -> new ApiException(400,
              "format=csv is offered for the lists (/api/touchpoints, /api/erasures), not for " + path));
          csv(exchange, nextPage(exchange, answer), csv);
        } else {
          json(exchange, status, answer);
        }
      } catch (ApiException e) {
        status = e.status();
        json(exchange, status, Map.of("error", e.getMessage()));
      } catch (SharedKeyException e) {
        status = 409; // the key names no one customer: here are the profiles it is on
        json(exchange, status, e.answer());
      } catch (Exception e) {
        status = 500;
        json(exchange, status, Map.of("error", "internal error: " + e.getMessage()));
      }
    } finally {
      metrics.recordApiRequest(route(path), status, System.nanoTime() - start);
    }
  }

  /** The route a path belongs to, for metrics: ids are not labels. */
  private static String route(String path) {
    return switch (path) {
      case "/api/health", "/api/stats", PROFILES, TOUCHPOINTS, ERASURES, METRICS -> path;
      default -> path.startsWith(PROFILES + "/")
          ? (path.endsWith(GRAPH) ? PROFILES + "/{id}" + GRAPH : PROFILES + "/{id}")
          : "other";
    };
  }

  private Endpoint endpoint(String path) {
    switch (path) {
      case "/api/health":
        return (p, q) -> health();
      case METRICS:
        return (p, q) -> null; // written as text by handle()
      case "/api/stats":
        return (p, q) -> profiles.stats();
      case ERASURES:
        return (p, q) -> new CsvTables.ErasuresView(eraser.erasures());
      case TOUCHPOINTS:
        return (p, q) -> touchpoints.list(PageParameters.storeOrder(q), filter(q, "channel"), filter(q, "touchpoint"));
      case PROFILES:
        return (p, q) -> {
          CustomerKey key = KeyParameter.parse(q.get("key"), profiles.keyTypes());
          return profiles.byKey(key, PageParameters.parse(q)).orElseThrow(() -> new ApiException(404, "no profile has key " + key));
        };
      default:
        if (path.startsWith(PROFILES + "/") && path.endsWith(GRAPH)
            && path.indexOf('/', PROFILES.length() + 1) == path.length() - GRAPH.length()
            && path.length() > PROFILES.length() + 1 + GRAPH.length()) {
          return (p, q) -> {
            String id = p.substring(PROFILES.length() + 1, p.length() - GRAPH.length());
            return profiles.graph(id).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
          };
        }
        if (path.startsWith(PROFILES + "/") && path.indexOf('/', PROFILES.length() + 1) < 0
            && path.length() > PROFILES.length() + 1) {
          return (p, q) -> {
            String id = p.substring(PROFILES.length() + 1);
            return profiles.byId(id, PageParameters.parse(q)).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
          };
        }
        throw new ApiException(404, "no such endpoint: " + path + " (see docs/api.md)");
    }
  }

  /**
   * {@code DELETE /api/profiles?key=type:value[&dryRun=true]}: erases the profile holding the
   * key, or on a dry run says exactly what that would remove.
   */
  private Object erase(Map<String, String> query) throws Exception {
    String dryRun = query.getOrDefault("dryRun", "false");
    if (!dryRun.equals("true") && !dryRun.equals("false")) {
      throw new ApiException(400, "dryRun must be true or false, not '" + dryRun + "'");
    }
    CustomerKey key = KeyParameter.parse(query.get("key"), profiles.keyTypes());
    return (dryRun.equals("true") ? eraser.dryRun(key) : eraser.erase(key))
        .orElseThrow(() -> new ApiException(404, "no profile has key " + key + "; nothing to erase"));
  }

  /** An optional exact-match filter: absent or empty matches everything. */
  private static String filter(Map<String, String> query, String name) {
    String value = query.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private Map<String, String> health() {
    if (!ready.getAsBoolean()) {
      throw new ApiException(503, "not ready");
    }
    return Map.of("status", "ok");
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.putIfAbsent(decode(name), decode(value));
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, "malformed query parameter '" + pair + "': " + e.getMessage());
      }
    }
    return params;
  }

  /**
   * Percent-decoding only: a {@code +} stays a plus, since e-mail keys such as
   * {@code ann+shop@example.com} are common and spaces in key values are not.
   */
  private static String decode(String component) {
    return URLDecoder.decode(component.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The next page's address for a CSV answer, which has no room for a cursor: or null. */
  private static String nextPage(HttpExchange exchange, Object answer) {
    if (answer instanceof io.touchline.collector.query.TouchpointListView list && list.nextCursor() != null) {
      String raw = exchange.getRequestURI().getRawQuery();
      String kept = raw == null ? "" : java.util.Arrays.stream(raw.split("&"))
          .filter(pair -> !pair.startsWith("cursor=")).reduce((a, b) -> a + "&" + b).orElse("");
      return exchange.getRequestURI().getPath() + "?" + (kept.isEmpty() ? "" : kept + "&")
          + "cursor=" + java.net.URLEncoder.encode(list.nextCursor(), StandardCharsets.UTF_8);
    }
    return null;
  }

  private static void csv(HttpExchange exchange, String next, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "text/csv; charset=utf-8");
    if (next != null) {
      exchange.getResponseHeaders().set("Link", "<" + next + ">; rel=\"next\"");
    }
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

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
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.journey.ViewsLoadingException;
import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.query.views.BadViewRequestException;
import io.touchline.collector.query.views.CatalogQuery;
import io.touchline.collector.query.views.Tabular;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
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
  private final ViewEndpoints views;
  private final LiveStream live;

  /**
   * @param journeys what the analyst views read
   * @param liveFeed the touchpoints arriving now
   * @param liveThreads runs the live streams, one thread each, apart from the API's threads
   */
  public ApiHandler(
      ProfileQuery profiles, TouchpointListQuery touchpoints, ProfileEraser eraser, BooleanSupplier ready,
      CollectorMetrics metrics, Journeys journeys, CatalogQuery catalog, LiveFeed liveFeed, ExecutorService liveThreads) {
    this.views = new ViewEndpoints(journeys, catalog, profiles::idOfProfileAt);
    this.live = new LiveStream(liveFeed, liveThreads);
    this.profiles = profiles;
    this.touchpoints = touchpoints;
    this.eraser = eraser;
    this.ready = ready;
    this.metrics = metrics;
  }

  /** What one endpoint does with a GET: {@code query} holds each parameter's first value, {@code all} every value. */
  private interface Endpoint {
    Object answer(String path, Map<String, String> query, Map<String, List<String>> all) throws Exception;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String path = exchange.getRequestURI().getPath();
    if (path.equals(LiveStream.PATH) && "GET".equals(exchange.getRequestMethod())) {
      openLive(exchange, start);
      return;
    }
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
          endpoint = (p, q, all) -> erase(q);
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
        Map<String, List<String>> all = query(exchange.getRequestURI().getRawQuery());
        Map<String, String> query = new LinkedHashMap<>();
        all.forEach((name, values) -> query.put(name, values.get(0)));
        String format = query.getOrDefault("format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
          throw new ApiException(400, "format must be json or csv, not '" + format + "'");
        }
        Object answer = endpoint.answer(path, query, all);
        if (format.equals("csv")) {
          byte[] csv = answer instanceof Tabular view ? CsvTables.of(view, query.get("table"))
              : CsvTables.of(answer).orElseThrow(() -> new ApiException(400,
                  "format=csv is offered for the lists and the views' tables, not for " + path));
          status = 200;
          csv(exchange, nextPage(exchange, answer), csv);
        } else {
          status = 200;
          json(exchange, status, answer);
        }
      } catch (ApiException e) {
        status = e.status();
        json(exchange, status, Map.of("error", e.getMessage()));
      } catch (BadViewRequestException e) {
        status = 400; // a name the views cannot use, e.g. an attribute with too many values
        json(exchange, status, Map.of("error", e.getMessage()));
      } catch (ViewsLoadingException e) {
        status = 503;
        exchange.getResponseHeaders().set("Retry-After", "5");
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
      case "/api/health", "/api/stats", PROFILES, TOUCHPOINTS, ERASURES, METRICS, LiveStream.PATH -> path;
      default -> ViewEndpoints.PATHS.contains(path) ? path : path.startsWith(PROFILES + "/")
          ? (path.endsWith(GRAPH) ? PROFILES + "/{id}" + GRAPH : PROFILES + "/{id}")
          : "other";
    };
  }

  private Endpoint endpoint(String path) {
    switch (path) {
      case "/api/health":
        return (p, q, all) -> health();
      case METRICS:
        return (p, q, all) -> null; // written as text by handle()
      case "/api/stats":
        return (p, q, all) -> profiles.stats();
      case ERASURES:
        return (p, q, all) -> new CsvTables.ErasuresView(eraser.erasures());
      case TOUCHPOINTS:
        return (p, q, all) -> touchpoints.list(PageParameters.storeOrder(q), filter(q, "channel"), filter(q, "touchpoint"));
      case PROFILES:
        return (p, q, all) -> {
          CustomerKey key = KeyParameter.parse(q.get("key"), profiles.keyTypes());
          return profiles.byKey(key, PageParameters.parse(q)).orElseThrow(() -> new ApiException(404, "no profile has key " + key));
        };
      default:
        if (path.startsWith(PROFILES + "/") && path.endsWith(GRAPH)
            && path.indexOf('/', PROFILES.length() + 1) == path.length() - GRAPH.length()
            && path.length() > PROFILES.length() + 1 + GRAPH.length()) {
          return (p, q, all) -> {
            String id = p.substring(PROFILES.length() + 1, p.length() - GRAPH.length());
            return profiles.graph(id).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
          };
        }
        if (path.startsWith(PROFILES + "/") && path.indexOf('/', PROFILES.length() + 1) < 0
            && path.length() > PROFILES.length() + 1) {
          return (p, q, all) -> {
            String id = p.substring(PROFILES.length() + 1);
            return profiles.byId(id, PageParameters.parse(q)).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
          };
        }
        if (ViewEndpoints.PATHS.contains(path)) {
          return (p, q, all) -> views.answer(p, q, all).orElseThrow();
        }
        throw new ApiException(404, "no such endpoint: " + path + " (see docs/api.md)");
    }
  }

  /** Opens a live stream, which outlives this call: the exchange is closed by the stream's thread. */
  private void openLive(HttpExchange exchange, long start) throws IOException {
    int status = 200;
    try {
      Map<String, String> query = new LinkedHashMap<>();
      query(exchange.getRequestURI().getRawQuery()).forEach((name, values) -> query.put(name, values.get(0)));
      live.open(exchange, query);
    } catch (ApiException e) {
      status = e.status();
      try (exchange) {
        json(exchange, status, Map.of("error", e.getMessage()));
      }
    } finally {
      metrics.recordApiRequest(LiveStream.PATH, status, System.nanoTime() - start);
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

  /** The query's parameters, each with every value given, in order. */
  private static Map<String, List<String>> query(String rawQuery) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.computeIfAbsent(decode(name), n -> new ArrayList<>()).add(decode(value));
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
    if (answer instanceof io.touchline.collector.query.Paged page && page.nextCursor() != null) {
      String raw = exchange.getRequestURI().getRawQuery();
      String kept = raw == null ? "" : java.util.Arrays.stream(raw.split("&"))
          .filter(pair -> !pair.startsWith("cursor=")).reduce((a, b) -> a + "&" + b).orElse("");
      return exchange.getRequestURI().getPath() + "?" + (kept.isEmpty() ? "" : kept + "&")
          + "cursor=" + java.net.URLEncoder.encode(page.nextCursor(), StandardCharsets.UTF_8);
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

package io.touchline.collector.web;

import static io.touchline.collector.config.Scope.ERASE;
import static io.touchline.collector.config.Scope.READ;
import static io.touchline.collector.web.Route.delete;
import static io.touchline.collector.web.Route.get;
import static io.touchline.collector.web.Route.openGet;
import static io.touchline.collector.web.Route.stream;

import io.touchline.collector.erase.ErasureView;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.model.CustomerKey;
import io.touchline.collector.query.GraphView;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.ProfileView;
import io.touchline.collector.query.TouchpointListQuery;
import io.touchline.collector.query.TouchpointListView;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Every endpoint of the API in one table, and the handlers that read a request's parameters and ask
 * the query layer for the answer: health, stats, profiles by key or id and their identity graphs,
 * touchpoints in store order, erasure and its audit trail, the analyst views, the live stream,
 * {@code /metrics} and the UI's files. A route is counted in {@code /metrics} under its path
 * template, so ids are never labels. Nothing here knows which HTTP server runs it.
 */
final class ApiRoutes {

  private final ProfileQuery profiles;
  private final TouchpointListQuery touchpoints;
  private final ProfileEraser eraser;
  private final BooleanSupplier ready;
  private final Supplier<HealthReport> health;
  private final CollectorMetrics metrics;
  private final ViewEndpoints views;
  private final LiveStream live;

  ApiRoutes(
      ProfileQuery profiles,
      TouchpointListQuery touchpoints,
      ProfileEraser eraser,
      BooleanSupplier ready,
      Supplier<HealthReport> health,
      CollectorMetrics metrics,
      ViewEndpoints views,
      LiveStream live) {
    this.health = health;
    this.profiles = profiles;
    this.touchpoints = touchpoints;
    this.eraser = eraser;
    this.ready = ready;
    this.metrics = metrics;
    this.views = views;
    this.live = live;
  }

  /**
   * Every route with the scope a token needs for it: {@code read} for what reads data ({@code
   * /metrics} included), {@code erase} for erasing (its dry run included); the health check and the
   * UI's files need none.
   */
  RouteTable table() {
    return new RouteTable(
        List.of(
            openGet("/api/health", this::health),
            get("/api/stats", READ, request -> profiles.stats()),
            get("/api/profiles", READ, this::profileByKey),
            delete("/api/profiles", ERASE, this::erase),
            get("/api/profiles/{id}", READ, this::profile),
            get("/api/profiles/{id}/graph", READ, this::graph),
            get("/api/touchpoints", READ, this::touchpoints),
            get("/api/erasures", READ, request -> new CsvTables.ErasuresView(eraser.erasures())),
            get("/api/catalog", READ, views::catalog),
            get("/api/segments", READ, views::segments),
            get("/api/overview", READ, views::overview),
            get("/api/flows", READ, views::flows),
            get("/api/funnels", READ, views::funnel),
            get("/api/funnels/customers", READ, views::funnelCustomers),
            get("/api/paths", READ, views::paths),
            get("/api/pain-points", READ, views::painPoints),
            get("/api/attribution", READ, views::attribution),
            stream(LiveStream.PATH, READ, live::open),
            get("/metrics", READ, this::metrics),
            // Last: the page and its files take every path outside the API. They are no endpoints:
            // counted as "other", and with another method than GET a 404 like any unknown path.
            // They hold no data, so they need no token: the page asks for one.
            openGet(UiAssets.PATHS, UiAssets::serve, RouteTable.UNMATCHED)));
  }

  /**
   * Open to all; what the failures said only for a caller who may read (or where no token is
   * asked).
   */
  private HealthReport health(ApiRequest request) {
    if (!ready.getAsBoolean()) {
      throw new ApiException(503, "not ready");
    }
    HealthReport report = health.get();
    return request.caller().may(READ) ? report : report.withoutFailureTexts();
  }

  /** {@code GET /api/profiles?key=type:value}: the profile holding a customer's key. */
  private ProfileView profileByKey(ApiRequest request) {
    CustomerKey key = profiles.key(request.parameter("key"));
    return profiles
        .byKey(key, PageParameters.parse(request.parameters()))
        .orElseThrow(() -> new ApiException(404, "no profile has key " + key));
  }

  private ProfileView profile(ApiRequest request) {
    String id = request.pathParameter("id");
    return profiles
        .byId(id, PageParameters.parse(request.parameters()))
        .orElseThrow(() -> new ApiException(404, "no profile has id " + id));
  }

  private GraphView graph(ApiRequest request) {
    String id = request.pathParameter("id");
    return profiles.graph(id).orElseThrow(() -> new ApiException(404, "no profile has id " + id));
  }

  private TouchpointListView touchpoints(ApiRequest request) {
    return touchpoints.list(
        PageParameters.storeOrder(request.parameters()),
        filter(request, "channel"),
        filter(request, "touchpoint"));
  }

  /**
   * {@code DELETE /api/profiles?key=type:value[&dryRun=true]}: erases the profile holding the key,
   * or on a dry run says exactly what that would remove. The audit records the name of the token
   * the erasure was asked with.
   */
  private ErasureView erase(ApiRequest request) {
    String dryRun = request.parameters().getOrDefault("dryRun", "false");
    if (!dryRun.equals("true") && !dryRun.equals("false")) {
      throw new ApiException(400, "dryRun must be true or false, not '" + dryRun + "'");
    }
    CustomerKey key = profiles.key(request.parameter("key"));
    return (dryRun.equals("true") ? eraser.dryRun(key) : eraser.erase(key, request.caller().name()))
        .orElseThrow(
            () -> new ApiException(404, "no profile has key " + key + "; nothing to erase"));
  }

  /** {@code GET /metrics}: the collector's figures as Prometheus text. */
  private void metrics(ApiRequest request, ApiResponse response) throws IOException {
    response.header("Content-Type", metrics.contentType());
    try (OutputStream out = response.stream(200)) {
      metrics.writeTo(out);
    }
  }

  /** An optional exact-match filter: absent or empty matches everything. */
  private static String filter(ApiRequest request, String name) {
    String value = request.parameter(name);
    return value == null || value.isEmpty() ? null : value;
  }
}

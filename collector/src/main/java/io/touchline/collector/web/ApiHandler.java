package io.touchline.collector.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.TouchpointListQuery;
import io.touchline.collector.query.views.CatalogQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The API on the JDK's HTTP server: hands each exchange to the route table ({@link ApiRoutes}) as a
 * request and a response of the API's own. The one place where the API meets {@code
 * com.sun.net.httpserver}, so that another server needs another adapter and nothing more.
 */
public final class ApiHandler implements HttpHandler {

  private final ApiDispatcher dispatcher;

  /**
   * @param ready whether the collector is ready (the health check answers 503 until then)
   * @param health how the parts that keep up with the store are doing, once ready
   * @param journeys what the analyst views read
   * @param liveFeed the touchpoints arriving now
   * @param liveThreads runs the live streams, one thread each, apart from the API's threads
   */
  public ApiHandler(
      ProfileQuery profiles,
      TouchpointListQuery touchpoints,
      ProfileEraser eraser,
      BooleanSupplier ready,
      Supplier<HealthReport> health,
      CollectorMetrics metrics,
      Journeys journeys,
      CatalogQuery catalog,
      LiveFeed liveFeed,
      ExecutorService liveThreads) {
    this(
        new ApiRoutes(
                profiles,
                touchpoints,
                eraser,
                ready,
                health,
                metrics,
                new ViewEndpoints(journeys, catalog, profiles::idOfProfileAt),
                new LiveStream(liveFeed, liveThreads))
            .table(),
        metrics);
  }

  /** Over another route table: a test's, with a route that fails as nothing in the API should. */
  ApiHandler(RouteTable routes, CollectorMetrics metrics) {
    this.dispatcher = new ApiDispatcher(routes, metrics);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    dispatcher.dispatch(
        exchange.getRequestMethod(),
        uri.getPath(),
        uri.getRawQuery(),
        new ExchangeResponse(exchange));
  }

  /** A response written to the JDK server's exchange. */
  private static final class ExchangeResponse implements ApiResponse {

    private final HttpExchange exchange;
    private volatile int status;

    ExchangeResponse(HttpExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void header(String name, String value) {
      exchange.getResponseHeaders().set(name, value);
    }

    @Override
    public void send(int status, byte[] body) throws IOException {
      this.status = status;
      // The JDK server reads a length of 0 as "streamed"; -1 says there is no body.
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public OutputStream stream(int status) throws IOException {
      this.status = status;
      exchange.sendResponseHeaders(status, 0);
      return exchange.getResponseBody();
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public void close() {
      exchange.close();
    }
  }
}

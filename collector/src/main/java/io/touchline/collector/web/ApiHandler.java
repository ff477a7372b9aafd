package io.touchline.collector.web;

import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.config.Caller;
import io.touchline.collector.erase.ProfileEraser;
import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import io.touchline.collector.journey.Journeys;
import io.touchline.collector.live.LiveFeed;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.query.ProfileQuery;
import io.touchline.collector.query.TouchpointListQuery;
import io.touchline.collector.query.views.CatalogQuery;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The API on the collector's HTTP port: hands each exchange to the route table ({@link ApiRoutes})
 * as a request and a response of the API's own.
 */
public final class ApiHandler implements ExchangeHandler {

  private final RouteTable routes;
  private final ApiDispatcher dispatcher;

  /** The tokens the API asks for; null when it asks for none. */
  private final BearerTokens tokens;

  /**
   * @param ready whether the collector is ready (the health check answers 503 until then)
   * @param health how the parts that keep up with the store are doing, once ready
   * @param journeys what the analyst views read
   * @param liveFeed the touchpoints arriving now
   * @param liveThreads runs the live streams, one thread each, apart from the API's threads
   * @param tokens the tokens the API asks for (see {@link #tokenFilter()}); null when it asks for
   *     none and lets everyone do everything
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
      ExecutorService liveThreads,
      BearerTokens tokens) {
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
        metrics,
        tokens);
  }

  /** Over another route table: a test's, with a route that fails as nothing in the API should. */
  ApiHandler(RouteTable routes, CollectorMetrics metrics, BearerTokens tokens) {
    this.routes = routes;
    this.dispatcher = new ApiDispatcher(routes, metrics);
    this.tokens = tokens;
  }

  /**
   * The token check to put in front of this handler, or null when the API asks for no token: a
   * route open to all passes, any other request needs one of the tokens (401 in the API's error
   * shape, counted under its route), and the route's scope (403, answered by the route table).
   */
  public ExchangeFilter tokenFilter() {
    if (tokens == null) {
      return null;
    }
    return BearerTokenFilter.forApi(
        tokens,
        routes::opens,
        (exchange, status, message) ->
            dispatcher.refuseToken(
                exchange.method(),
                exchange.path(),
                status,
                message,
                new ExchangeResponse(exchange)));
  }

  @Override
  public void handle(Exchange exchange) throws IOException {
    // Read again from the credential the token filter checked (see BearerTokenFilter for why it
    // hands nothing on); without a known token the request is for an open route.
    Caller caller =
        tokens == null
            ? Caller.ANONYMOUS
            : tokens.caller(BearerTokenFilter.credential(exchange)).orElse(Caller.UNIDENTIFIED);
    dispatcher.dispatch(
        exchange.method(),
        exchange.path(),
        exchange.rawQuery(),
        caller,
        new ExchangeResponse(exchange));
  }

  /** A response written to the port's exchange. */
  private static final class ExchangeResponse implements ApiResponse {

    private final Exchange exchange;

    ExchangeResponse(Exchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public void header(String name, String value) {
      exchange.header(name, value);
    }

    @Override
    public void send(int status, byte[] body) throws IOException {
      exchange.send(status, body);
    }

    @Override
    public OutputStream stream(int status) {
      return exchange.stream(status);
    }

    @Override
    public int status() {
      return exchange.status();
    }

    @Override
    public void close() {
      exchange.close();
    }
  }
}

package io.touchline.collector.web;

import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.config.Caller;
import io.touchline.collector.erase.ErasureUnavailableException;
import io.touchline.collector.journey.ViewsLoadingException;
import io.touchline.collector.log.InternalFailures;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.query.BadQueryException;
import io.touchline.collector.query.SharedKeyException;
import io.touchline.collector.store.StoreException;
import java.io.IOException;
import java.util.Map;

/**
 * Answers one request from the route table, whatever server received it: finds its route, checks
 * that the caller's token has the scope the route needs, has the route's handler answer, turns a
 * failure into {@code {"error": "..."}} with the status that says whose fault it is, and counts the
 * request under its route's label.
 */
final class ApiDispatcher {

  private final RouteTable routes;
  private final CollectorMetrics metrics;

  ApiDispatcher(RouteTable routes, CollectorMetrics metrics) {
    this.routes = routes;
    this.metrics = metrics;
  }

  /**
   * @param path the path, percent-decoded
   * @param rawQuery the query as sent, still percent-encoded; null when there is none
   * @param caller whom the request's token names; {@link Caller#ANONYMOUS} when the API asks for no
   *     token
   * @param response ended here, unless the route's handler took it over
   */
  void dispatch(String method, String path, String rawQuery, Caller caller, ApiResponse response)
      throws IOException {
    long start = System.nanoTime();
    RouteTable.Match match = routes.match(method, path);
    boolean takenOver = false;
    try {
      takenOver = run(match, method, path, rawQuery, caller, response);
    } catch (Throwable e) {
      // Errors too: one escaping to the JDK server leaves the client without an answer and
      // kills the server's thread, while whatever failed (a deep recursion, one huge answer) is
      // usually this request's alone and the next one is served well.
      if (response.status() != 0) {
        // The answer was under way: no status is left to say what went wrong. Failing the
        // exchange has the server cut the connection, so the client sees an incomplete answer.
        String id = InternalFailures.report(what(method, path), e);
        throw new IOException("the answer failed midway (request " + id + ")", e);
      }
      refuse(response, method, path, e);
    } finally {
      if (!takenOver) {
        response.close();
      }
      metrics.recordApiRequest(
          match.label(),
          response.status() == 0 ? 500 : response.status(),
          System.nanoTime() - start);
    }
  }

  /**
   * Answers a request refused for its token before it got here (401), as every answer of the API:
   * an error in JSON, counted under the route it asked for.
   */
  void refuseToken(String method, String path, int status, String message, ApiResponse response)
      throws IOException {
    long start = System.nanoTime();
    try {
      AnswerWriter.json(response, status, error(message));
    } finally {
      metrics.recordApiRequest(
          routes.match(method, path).label(), response.status(), System.nanoTime() - start);
    }
  }

  /** Runs the route's handler; true when it took the response over. */
  private static boolean run(
      RouteTable.Match match,
      String method,
      String path,
      String rawQuery,
      Caller caller,
      ApiResponse response)
      throws IOException {
    if (match instanceof RouteTable.NotAllowed notAllowed) {
      response.header("Allow", String.join(", ", notAllowed.allowed()));
      throw new ApiException(
          405,
          method
              + " is not allowed on "
              + path
              + "; use "
              + String.join(" or ", notAllowed.allowed()));
    }
    if (!(match instanceof RouteTable.Found found)) {
      throw new ApiException(404, "no such endpoint: " + path + " (see docs/api.md)");
    }
    checkScope(found.route(), caller, response);
    ApiRequest request = new ApiRequest(caller, method, path, found.pathParameters(), rawQuery);
    Route.Handler handler = found.route().handler();
    if (handler instanceof Route.Answer answer) {
      AnswerWriter.send(request, answer, response);
      return false;
    }
    if (handler instanceof Route.Write write) {
      write.write(request, response);
      return false;
    }
    ((Route.Stream) handler).open(request, response);
    return true;
  }

  /**
   * A token without the route's scope is a 403 naming the scope; no token at all (a request let
   * through as if to an open route) a 401.
   */
  private static void checkScope(Route route, Caller caller, ApiResponse response) {
    if (route.open() || caller.may(route.scope())) {
      return;
    }
    if (!caller.identified()) {
      response.header("WWW-Authenticate", BearerTokenFilter.CHALLENGE);
      throw new ApiException(401, BearerTokens.refusal(null));
    }
    response.header("WWW-Authenticate", BearerTokenFilter.insufficientScope(route.scope()));
    throw new ApiException(403, BearerTokens.forbidden(caller, route.scope()));
  }

  private static void refuse(ApiResponse response, String method, String path, Throwable failure)
      throws IOException {
    if (failure instanceof ApiException e) {
      AnswerWriter.json(response, e.status(), error(e.getMessage()));
    } else if (failure instanceof BadQueryException e) {
      AnswerWriter.json(
          response,
          400,
          error(e.getMessage())); // a name the views cannot use, e.g. an attribute with too many
      // values
    } else if (failure instanceof ErasureUnavailableException e) {
      response.header("Retry-After", "60");
      AnswerWriter.json(response, 503, error(e.getMessage()));
    } else if (failure instanceof ViewsLoadingException e) {
      response.header("Retry-After", "5");
      AnswerWriter.json(response, 503, error(e.getMessage()));
    } else if (failure instanceof StoreException e && e.unavailableForNow()) {
      response.header("Retry-After", "5");
      AnswerWriter.json(
          response,
          503,
          error(
              "the store cannot be read for a moment (it is being reopened after a storage"
                  + " failure); ask again in a few seconds"));
    } else if (failure instanceof SharedKeyException e) {
      AnswerWriter.json(
          response,
          409,
          e.answer()); // the key names no one customer: here are the profiles it is on
    } else {
      String id = InternalFailures.report(what(method, path), failure);
      // An exception's message says what failed (the database, a file); an Error's says nothing a
      // user can act on, and the log has it with the request id.
      String detail =
          failure instanceof Exception && failure.getMessage() != null
              ? ": " + failure.getMessage()
              : "";
      AnswerWriter.json(response, 500, error("internal error (request " + id + ")" + detail));
    }
  }

  private static String what(String method, String path) {
    return "API " + method + " " + path;
  }

  private static Map<String, String> error(String message) {
    return Map.of("error", message);
  }
}

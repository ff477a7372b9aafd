package com.acme.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The apps' HTTP front: puts the request's {@code X-Request-Id} in the {@link RequestContext},
 * routes, turns exceptions into JSON errors with a status that says whose fault it is, and writes
 * one access-log line per request.
 */
public abstract class JsonHandler implements HttpHandler {

  private final RequestContext requests;

  protected JsonHandler(RequestContext requests) {
    this.requests = requests;
  }

  /** Answers one request; throws to answer with an error. */
  protected abstract void route(JsonExchange request) throws IOException;

  /** The status for an app's own exceptions; 500 unless an app says otherwise. */
  protected int statusOf(RuntimeException e) {
    return 500;
  }

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    String requestId = exchange.getRequestHeaders().getFirst("X-Request-Id");
    requests.enter(requestId);
    try (exchange) {
      JsonExchange request = new JsonExchange(exchange);
      try {
        route(request);
      } catch (MethodNotAllowed e) {
        exchange.getResponseHeaders().set("Allow", e.allowed);
        request.error(405, e.getMessage());
      } catch (IllegalArgumentException e) {
        request.error(400, e.getMessage());
      } catch (NoSuchElementException e) {
        request.error(404, e.getMessage());
      } catch (RuntimeException e) {
        int status = statusOf(e);
        request.error(status, status == 500 ? "internal error" : e.getMessage());
      }
    } finally {
      requests.leave();
      System.out.printf(
          "%s %s %d %dms request=%s%n",
          exchange.getRequestMethod(),
          exchange.getRequestURI().getPath(),
          exchange.getResponseCode(),
          (System.nanoTime() - start) / 1_000_000,
          requestId == null ? "-" : requestId);
    }
  }

  /**
   * @throws MethodNotAllowed unless the request uses one of {@code allowed}
   */
  protected static void expect(JsonExchange request, String... allowed) {
    if (!List.of(allowed).contains(request.method())) {
      throw new MethodNotAllowed(String.join(", ", allowed));
    }
  }

  /** Answered with 405 and an {@code Allow} header. */
  protected static final class MethodNotAllowed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String allowed;

    MethodNotAllowed(String allowed) {
      super("method not allowed; use " + allowed);
      this.allowed = allowed;
    }
  }
}

package io.touchline.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.touchline.collector.log.InternalFailures;
import java.io.IOException;
import java.util.Map;

/**
 * The outermost filter of every HTTP port: whatever escapes the filters and handlers after it (an
 * {@link Error} included) becomes a 500 with a request id, when no status was sent yet, and the
 * exchange is closed. Left to itself the JDK server lets an {@code Error} end the worker thread and
 * leaves the connection open with no answer; the handlers catch their own failures, this catches
 * those of the filters in front of them and any handler that does not.
 */
final class HandlerBoundary extends Filter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String port;

  /**
   * @param port what the log calls this port's requests, e.g. {@code API} or {@code OTLP/HTTP}
   */
  HandlerBoundary(String port) {
    this.port = port;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    try {
      chain.doFilter(exchange);
    } catch (IOException e) {
      // The client went away or sent something unreadable: nothing to answer, nothing to log.
      exchange.close();
      throw e;
    } catch (Throwable e) {
      String id =
          InternalFailures.report(
              port + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
              e);
      try (exchange) {
        if (exchange.getResponseCode() == -1) {
          byte[] body =
              JSON.writeValueAsBytes(
                  Map.of("error", "internal error (request " + id + ")", "requestId", id));
          exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
          exchange.getResponseHeaders().set("X-Request-Id", id);
          exchange.sendResponseHeaders(500, body.length);
          exchange.getResponseBody().write(body);
        }
      } catch (IOException | RuntimeException unanswerable) {
        // The answer could not be sent; closing the exchange is all that is left.
      }
    }
  }

  @Override
  public String description() {
    return "answers 500 for whatever the filters and handler after it let escape";
  }
}

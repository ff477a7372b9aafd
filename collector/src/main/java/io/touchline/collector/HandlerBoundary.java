package io.touchline.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.http.Exchange;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.ExchangeHandler;
import io.touchline.collector.log.InternalFailures;
import java.io.IOException;
import java.util.Map;

/**
 * The outermost filter of every HTTP port: whatever escapes the filters and handlers after it (an
 * {@link Error} included) becomes a 500 with a request id, when no status was sent yet, and the
 * exchange is ended. The handlers catch their own failures; this catches those of the filters in
 * front of them and of any handler that does not, so a client never waits for an answer that will
 * not come.
 */
final class HandlerBoundary implements ExchangeFilter {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String port;

  /**
   * @param port what the log calls this port's requests, e.g. {@code API} or {@code OTLP/HTTP}
   */
  HandlerBoundary(String port) {
    this.port = port;
  }

  @Override
  public void filter(Exchange exchange, ExchangeHandler next) throws IOException {
    try {
      next.handle(exchange);
    } catch (Exchange.BodyTimeoutException e) {
      // The handler did not answer its slow sender itself: the port's answer for it.
      if (exchange.status() != 0) {
        throw e;
      }
      exchange.header("Connection", "close");
      send(exchange, 408, Map.of("error", "the request's body did not arrive in time"));
    } catch (IOException e) {
      // The client went away or sent something unreadable: nothing to answer, nothing to log.
      throw e;
    } catch (Throwable e) {
      String id =
          InternalFailures.report(port + " " + exchange.method() + " " + exchange.path(), e);
      if (exchange.status() != 0) {
        throw new IOException("the answer failed midway (request " + id + ")", e);
      }
      exchange.header("X-Request-Id", id);
      send(exchange, 500, Map.of("error", "internal error (request " + id + ")", "requestId", id));
    }
  }

  private static void send(Exchange exchange, int status, Map<String, String> error)
      throws IOException {
    exchange.header("Content-Type", "application/json; charset=utf-8");
    exchange.send(status, JSON.writeValueAsBytes(error));
  }
}

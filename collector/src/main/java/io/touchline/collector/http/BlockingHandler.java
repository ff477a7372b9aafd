package io.touchline.collector.http;

import io.touchline.collector.log.InternalFailures;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Runs the port's handler on one of its threads, the blocking way (Jetty's default invocation
 * type), and ends the response when the handler returns, unless the handler left a stream open for
 * another thread. A connection one too many for its client is answered 429 here, before the handler
 * sees it.
 */
final class BlockingHandler extends Handler.Abstract {

  private static final byte[] TOO_MANY =
      "{\"error\":\"too many connections from this client; reuse one, or retry later\"}"
          .getBytes(StandardCharsets.UTF_8);

  private final ExchangeHandler handler;
  private final RequestDeadline deadline;
  private final ClientConnectionLimit clients;
  private final long bodyTimeoutNanos;
  private final String port;

  BlockingHandler(
      ExchangeHandler handler,
      RequestDeadline deadline,
      ClientConnectionLimit clients,
      long bodyTimeoutNanos,
      String port) {
    this.handler = handler;
    this.deadline = deadline;
    this.clients = clients;
    this.bodyTimeoutNanos = bodyTimeoutNanos;
    this.port = port;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Connection connection = request.getConnectionMetaData().getConnection();
    Callback ended =
        Callback.from(
            () -> {
              deadline.requestEnded(connection);
              callback.succeeded();
            },
            callback::failed);
    Exchange exchange = new Exchange(request, response, ended, bodyTimeoutNanos);
    try {
      if (clients != null && clients.isOver(connection)) {
        exchange.header(HttpHeader.CONNECTION.asString(), "close");
        exchange.header("Retry-After", "1");
        exchange.header("Content-Type", "application/json; charset=utf-8");
        exchange.send(429, TOO_MANY);
        return true;
      }
      handler.handle(exchange);
    } catch (Throwable e) {
      // The port's filters answer whatever a handler lets escape; what gets here failed in
      // writing that answer, or in a filter itself. The connection is cut.
      if (!(e instanceof java.io.IOException)) {
        InternalFailures.report(port + " " + request.getMethod() + " " + exchange.path(), e);
      }
      exchange.abort(e);
    } finally {
      if (!exchange.streaming()) {
        exchange.close();
      }
    }
    return true;
  }
}

package io.touchline.collector.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Cuts a connection whose request headers (or TLS handshake) do not arrive in time. Jetty reads
 * headers without holding a thread, so a slow client costs only its connection; its idle timeout
 * ends a client that stops sending, but not one that sends a byte now and then. This does: a
 * request's headers must be complete within the timeout of its first byte, or the server answers
 * {@code 408} and closes the connection; a TLS handshake must be done within the timeout of the
 * connection's opening.
 *
 * <p>Jetty tells when a connection opens and closes and when a request's headers are complete (as a
 * customizer); when a request began arriving is seen from the connection's byte count, by a sweep
 * once a second ({@link #sweep}), so a deadline holds to within a second.
 */
final class RequestDeadline implements Connection.Listener, HttpConfiguration.Customizer {

  private final long timeoutNanos;
  private final byte[] answer;
  private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();

  /**
   * @param timeoutSeconds how long headers or a handshake may take
   */
  RequestDeadline(long timeoutSeconds) {
    this.timeoutNanos = timeoutSeconds * 1_000_000_000L;
    String message = "the request's headers did not arrive within " + timeoutSeconds + " s\n";
    this.answer =
        ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: "
                + message.length()
                + "\r\nConnection: close\r\n\r\n"
                + message)
            .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof SslConnection tls) {
      watched.put(connection, Watch.handshake(System.nanoTime()));
      tls.addHandshakeListener(
          new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
              watched.remove(connection);
            }
          });
    } else if (connection instanceof ConnectionMetaData) {
      watched.put(connection, Watch.between(0));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    watched.remove(connection);
  }

  /** Headers complete: the request is the handler's now, and no longer timed here. */
  @Override
  public Request customize(Request request, HttpFields.Mutable headers) {
    watched.remove(request.getConnectionMetaData().getConnection());
    return request;
  }

  /** The response to a request was sent: time the next one from its first byte. */
  void requestEnded(Connection connection) {
    if (connection.getEndPoint().isOpen()) {
      watched.put(connection, Watch.between(connection.getBytesIn()));
    }
  }

  /** Notes requests that began arriving, and cuts those past their deadline. */
  void sweep() {
    long now = System.nanoTime();
    watched.forEach(
        (connection, watch) -> {
          if (watch.handshake) {
            if (now - watch.since > timeoutNanos && watched.remove(connection, watch)) {
              connection.getEndPoint().close();
            }
            return;
          }
          if (watch.since == Watch.NOT_STARTED) {
            if (connection.getBytesIn() > watch.bytesAtRest) {
              watched.replace(connection, watch, watch.started(now));
            }
            return;
          }
          if (now - watch.since > timeoutNanos && watched.remove(connection, watch)) {
            timeOut(connection.getEndPoint());
          }
        });
  }

  private void timeOut(EndPoint endPoint) {
    try {
      endPoint.write(
          Callback.from(endPoint::close, failure -> endPoint.close()), ByteBuffer.wrap(answer));
    } catch (RuntimeException e) {
      // a response is being written after all (the headers completed just now): cut it
      endPoint.close();
    }
  }

  /** What is timed of one connection. */
  private record Watch(boolean handshake, long bytesAtRest, long since) {
    static final long NOT_STARTED = Long.MIN_VALUE;

    static Watch handshake(long opened) {
      return new Watch(true, 0, opened);
    }

    static Watch between(long bytesAtRest) {
      return new Watch(false, bytesAtRest, NOT_STARTED);
    }

    Watch started(long now) {
      return new Watch(false, bytesAtRest, now);
    }
  }
}

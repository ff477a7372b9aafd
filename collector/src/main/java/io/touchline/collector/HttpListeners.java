package io.touchline.collector;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.touchline.collector.tls.ServerTls;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/**
 * The collector's two HTTP servers (OTLP/HTTP and the API) as the JDK makes them: bound, gated,
 * guarded, and speaking TLS when the config has a certificate.
 */
final class HttpListeners {

  /**
   * How long a request may take to arrive, by default; {@code -Dsun.net.httpserver.maxReqTime}
   * overrides it.
   */
  static final long REQUEST_SECONDS = 10;

  static {
    // The JDK's HTTP server writes a response's headers and body separately; with Nagle's
    // algorithm on, a loopback client's delayed ACK then adds ~40 ms to every answer. Read once,
    // when the first server is created, so it is set here, before any.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    // A request whose line, headers and body have not all arrived within this many seconds is
    // cut: a client that opens a connection and then sends nothing, or a byte at a time, holds a
    // thread that long at most (the JDK server reads requests with no timeout otherwise).
    // The same holds for a TLS handshake, which the server does while it reads the request.
    if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
      System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(REQUEST_SECONDS));
    }
    // A connection that has sent nothing yet holds no thread, but the server looks for those past
    // their time only on this tick (10 s by default, so up to 20 s in all): once a second instead.
    if (System.getProperty("sun.net.httpserver.clockTick") == null) {
      System.setProperty("sun.net.httpserver.clockTick", "1000");
    }
  }

  /**
   * How long a request (a TLS handshake included) may take to arrive: {@link #REQUEST_SECONDS}, or
   * what {@code -Dsun.net.httpserver.maxReqTime} says.
   */
  static long requestSeconds() {
    return Long.getLong("sun.net.httpserver.maxReqTime", REQUEST_SECONDS);
  }

  private HttpListeners() {}

  /**
   * A server on {@code bindAddress:port} whose every path goes to {@code handler} (so that a wrong
   * path gets the same kind of answer as a wrong body), behind the shutdown gate and, when given,
   * the token filter, and with whatever escapes them answered 500; not started yet.
   *
   * @param field the config field that names the port, for the error when it is taken
   * @param tls the certificate and key to speak HTTPS with, or null for plain HTTP
   * @param concurrency how many of its requests do their work at once; 0 leaves it to the handler
   */
  static HttpServer listen(
      String bindAddress,
      String field,
      int port,
      ServerTls tls,
      HttpHandler handler,
      RequestGate gate,
      ExecutorService threads,
      Filter auth,
      int concurrency)
      throws IOException {
    HttpServer server;
    try {
      InetSocketAddress address = new InetSocketAddress(bindAddress, port);
      server = tls == null ? HttpServer.create(address, 128) : https(address, tls);
    } catch (BindException e) {
      throw new BindException(
          "cannot listen on " + bindAddress + ":" + port + " (" + field + "): " + e.getMessage());
    }
    HttpContext context = server.createContext("/", handler);
    context.getFilters().add(new HandlerBoundary(field.startsWith("api") ? "API" : "OTLP/HTTP"));
    context.getFilters().add(gate);
    if (auth != null) {
      context.getFilters().add(auth);
    }
    if (concurrency > 0) {
      context.getFilters().add(new ConcurrencyLimit(concurrency));
    }
    server.setExecutor(threads);
    return server;
  }

  private static HttpsServer https(InetSocketAddress address, ServerTls tls) throws IOException {
    HttpsServer server = HttpsServer.create(address, 128);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls.context()) {
          @Override
          public void configure(HttpsParameters parameters) {
            parameters.setSSLParameters(tls.parameters());
          }
        });
    return server;
  }

  /** The host part of an address, bracketed when it is an IPv6 literal. */
  static String host(String bindAddress) {
    return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
  }

  /**
   * The server's base URL, {@code https://} when it speaks TLS, with the port actually bound (the
   * config may say 0).
   */
  static String url(String bindAddress, HttpServer server) {
    String scheme = server instanceof HttpsServer ? "https://" : "http://";
    return scheme + host(bindAddress) + ":" + server.getAddress().getPort();
  }
}

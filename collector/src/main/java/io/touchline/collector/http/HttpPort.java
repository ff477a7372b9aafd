package io.touchline.collector.http;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * One HTTP port of the collector: bound to an address, every path handed to one handler, with the
 * port's limits ({@link HttpLimits}), speaking TLS when given a context.
 */
public final class HttpPort implements AutoCloseable {

  /** How many requests of the port the server works on at once, at most (its thread pool). */
  private static final int MAX_THREADS = 256;

  private final Server server;
  private final ServerConnector connector;
  private final boolean secure;

  private HttpPort(Server server, ServerConnector connector, boolean secure) {
    this.server = server;
    this.connector = connector;
    this.secure = secure;
  }

  /**
   * Binds and starts a port.
   *
   * @param name what the log and the threads call this port's requests, e.g. {@code api}
   * @param field the config field that names the port, for the error when it is taken
   * @param tls the context to speak TLS with and its parameters, or null for plain HTTP
   * @param threads makes the port's threads (named for the port)
   */
  public static HttpPort open(
      String name,
      String bindAddress,
      String field,
      int port,
      SSLContext tls,
      SSLParameters tlsParameters,
      HttpLimits limits,
      ExchangeHandler handler,
      ThreadFactory threads)
      throws IOException {
    QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000, -1, null, null, threads);
    pool.setName("touchline-" + name);
    Server server = new Server(pool);
    Scheduler scheduler = new ScheduledExecutorScheduler("touchline-" + name + "-timer", true);
    server.addBean(scheduler);

    RequestDeadline deadline = new RequestDeadline(seconds(limits.headerTimeout()));
    HttpConfiguration http = new HttpConfiguration();
    http.setRequestHeaderSize(limits.maxHeaderBytes());
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.addCustomizer(deadline);
    HttpConnectionFactory plain = new HttpConnectionFactory(http);
    ServerConnector connector =
        tls == null
            ? new ServerConnector(server, null, scheduler, null, 1, -1, plain)
            : new ServerConnector(
                server,
                null,
                scheduler,
                null,
                1,
                -1,
                new SslConnectionFactory(sslContextFactory(tls, tlsParameters), "http/1.1"),
                plain);
    connector.setHost(bindAddress);
    connector.setPort(port);
    connector.setIdleTimeout(limits.idleTimeout().toMillis());
    connector.setAcceptQueueSize(128);
    connector.addBean(deadline);
    ClientConnectionLimit clients = null;
    if (limits.maxConnectionsPerClient() > 0) {
      clients = new ClientConnectionLimit(limits.maxConnectionsPerClient());
      connector.addBean(clients);
    }
    server.addConnector(connector);
    server.setErrorHandler(new JsonErrors());
    server.addBean(new NetworkConnectionLimit(limits.maxConnections(), connector));
    server.setHandler(
        new BlockingHandler(
            handler, deadline, clients, limits.bodyTimeout().toNanos(), name.toUpperCase()));
    try {
      server.start();
    } catch (BindException e) {
      stopQuietly(server);
      throw new BindException(
          "cannot listen on " + bindAddress + ":" + port + " (" + field + "): " + e.getMessage());
    } catch (IOException e) {
      stopQuietly(server);
      throw e;
    } catch (Exception e) {
      stopQuietly(server);
      throw new IOException("cannot start the " + name + " port: " + e.getMessage(), e);
    }
    sweepEverySecond(server, scheduler, deadline);
    return new HttpPort(server, connector, tls != null);
  }

  /** Runs the deadline's sweep once a second while the server runs. */
  private static void sweepEverySecond(
      Server server, Scheduler scheduler, RequestDeadline deadline) {
    scheduler.schedule(
        new Runnable() {
          @Override
          public void run() {
            if (!server.isRunning()) {
              return;
            }
            deadline.sweep();
            scheduler.schedule(this, 1, TimeUnit.SECONDS);
          }
        },
        1,
        TimeUnit.SECONDS);
  }

  private static SslContextFactory.Server sslContextFactory(
      SSLContext context, SSLParameters parameters) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setSslContext(context);
    if (parameters != null) {
      factory.setIncludeProtocols(parameters.getProtocols());
      if (parameters.getCipherSuites() != null) {
        factory.setIncludeCipherSuites(parameters.getCipherSuites());
      }
    }
    return factory;
  }

  private static long seconds(Duration duration) {
    return Math.max(1, duration.toSeconds());
  }

  /** The port actually bound (the config may say 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Whether the port speaks TLS. */
  public boolean secure() {
    return secure;
  }

  /** Stops accepting and closes every connection; requests in flight end with it. */
  @Override
  public void close() {
    stopQuietly(server);
  }

  private static void stopQuietly(Server server) {
    try {
      server.setStopTimeout(0);
      server.stop();
    } catch (Exception e) {
      // stopping: nothing left to do with a failure
    }
  }
}

package io.touchline.collector.ingest;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import io.touchline.collector.config.BearerTokens;
import io.touchline.collector.tls.ServerTls;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * OTLP/gRPC on its own port: a Netty gRPC server for {@link OtlpGrpcService}. gRPC itself
 * decompresses gzip requests and refuses messages over the size limit ({@code RESOURCE_EXHAUSTED}):
 * before they are parsed when their declared size is too large, while they are parsed when only
 * decompressing makes them so ({@link ExportRequestMarshaller} then answers it).
 */
public final class OtlpGrpcServer implements AutoCloseable {

  /**
   * Exports block until their batch is committed; the more wait together, the bigger each group
   * commit, so there are many more threads than cores.
   */
  private static final int THREADS = 32;

  private static final long SHUTDOWN_GRACE_SECONDS = 10;

  /**
   * A connection whose TLS handshake and HTTP/2 preface are not done by then is closed, as the HTTP
   * ports cut a request that has not arrived (gRPC's own default is 120 s).
   */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private final Server server;
  private final ExecutorService threads;

  private OtlpGrpcServer(Server server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Starts listening; returns once the port accepts connections.
   *
   * @param port 0 picks a free port (see {@link #port()})
   * @param maxBodyBytes larger messages are refused with {@code RESOURCE_EXHAUSTED}
   * @throws BindException naming the address, the port and {@code otlp.grpcPort}
   */
  public static OtlpGrpcServer start(
      String bindAddress, int port, TraceIngest ingest, long maxBodyBytes) throws IOException {
    return start(bindAddress, port, ingest, maxBodyBytes, null, Executors.defaultThreadFactory());
  }

  /**
   * The same; with {@code tokens} given every call must carry one of them with the {@code ingest}
   * scope as a bearer token, and the service's threads come from {@code threadFactory} (the
   * collector names and owns them).
   *
   * @param tokens the tokens a call may carry; null when the port asks for none
   */
  public static OtlpGrpcServer start(
      String bindAddress,
      int port,
      TraceIngest ingest,
      long maxBodyBytes,
      BearerTokens tokens,
      ThreadFactory threadFactory)
      throws IOException {
    return start(
        bindAddress,
        port,
        ingest,
        maxBodyBytes,
        tokens,
        threadFactory,
        null,
        DEFAULT_HANDSHAKE_TIMEOUT);
  }

  /**
   * The same, speaking TLS with {@code tls} (plaintext when null), and closing a connection whose
   * handshake is not done within {@code handshakeTimeout}.
   */
  public static OtlpGrpcServer start(
      String bindAddress,
      int port,
      TraceIngest ingest,
      long maxBodyBytes,
      BearerTokens tokens,
      ThreadFactory threadFactory,
      ServerTls tls,
      Duration handshakeTimeout)
      throws IOException {
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    ExecutorService threads =
        Executors.newFixedThreadPool(
            THREADS,
            runnable -> {
              Thread thread = threadFactory.newThread(runnable);
              // Netty's event-loop threads start these and are daemons: without this, so would
              // these be,
              // and an export being committed could die with the JVM instead of ending through
              // close().
              thread.setDaemon(false);
              return thread;
            });
    IngestCounters counters = ingest.counters();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port))
            // An int for gRPC: protobuf cannot parse 2 GiB or more anyway.
            .maxInboundMessageSize((int) Math.min(maxBodyBytes, Integer.MAX_VALUE))
            .handshakeTimeout(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .executor(threads)
            .addStreamTracerFactory(new TooLargeCounter(counters))
            .addService(
                tokens == null
                    ? ServerInterceptors.intercept(new OtlpGrpcService(ingest))
                    : ServerInterceptors.intercept(
                        new OtlpGrpcService(ingest), new BearerTokenInterceptor(tokens, counters)));
    if (tls != null) {
      try {
        builder.sslContext(sslContext(tls));
      } catch (IOException | RuntimeException e) {
        threads.shutdownNow();
        throw e;
      }
    }
    Server server = builder.build();
    try {
      server.start();
    } catch (IOException e) {
      // start() fails only to bind. On Linux gRPC binds through Netty's native epoll transport,
      // whose error is no java.net.BindException, so the cause's type cannot tell.
      threads.shutdownNow();
      BindException bind =
          new BindException(
              "cannot listen on "
                  + bindAddress
                  + ":"
                  + port
                  + " (otlp.grpcPort): "
                  + rootMessage(e));
      bind.initCause(e);
      throw bind;
    }
    return new OtlpGrpcServer(server, threads);
  }

  /**
   * gRPC's HTTP/2 over TLS (ALPN {@code h2}), with the collector's key and protocols, on the JDK's
   * TLS as the HTTP ports are (the jar carries no OpenSSL library: one TLS for every port).
   */
  private static SslContext sslContext(ServerTls tls) throws IOException {
    return GrpcSslContexts.configure(
            SslContextBuilder.forServer(tls.keyManagers()), SslProvider.JDK)
        .protocols(ServerTls.PROTOCOLS)
        .build();
  }

  /** The port actually bound: the config may say 0. */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops taking calls, lets exports in flight be committed and answered (for up to 10 s), then
   * cancels whatever is left. Call it before the write queue closes.
   */
  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
      threads.shutdown();
      if (!threads.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
        // Still waiting for a commit that their callers gave up on: TraceIngest ends on interrupt.
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * gRPC refuses a too-large message before any service sees it; counting it here puts it in {@code
   * /metrics} under the same reason as an HTTP 413.
   */
  private static final class TooLargeCounter extends ServerStreamTracer.Factory {

    private final IngestCounters counters;

    TooLargeCounter(IngestCounters counters) {
      this.counters = counters;
    }

    @Override
    public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
      return new ServerStreamTracer() {
        @Override
        public void streamClosed(Status status) {
          // Whether gRPC refused the message or the service passed gRPC's refusal on (a message
          // that grows too large only while it is decompressed), the call ends as
          // RESOURCE_EXHAUSTED; the service answers it for nothing else.
          if (status.getCode() == Status.Code.RESOURCE_EXHAUSTED) {
            counters.recordRequestRejected("too_large");
          }
        }
      };
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}

package io.touchline.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live OTLP/HTTP endpoint for the forked JVMs to export to: it reads every request and answers
 * 200, like a healthy collector, without storing anything.
 */
final class OtlpSink implements AutoCloseable {

  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();
  private final ExecutorService threads = Executors.newFixedThreadPool(2);

  OtlpSink() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
          }
          requests.incrementAndGet();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow(); // its threads would keep the benchmark's JVM alive
  }
}

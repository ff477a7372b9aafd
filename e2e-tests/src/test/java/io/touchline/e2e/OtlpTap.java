package io.touchline.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Stands between the agents and the collector on OTLP/HTTP: passes every request on unchanged and
 * answers what the collector answered, keeping a copy of each protobuf trace request, so a test can
 * read exactly what the agents exported (resource, scope, span kind, status and events included,
 * which the collector's API does not show).
 */
final class OtlpTap implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final String collector;
  private final List<ExportTraceServiceRequest> requests = new CopyOnWriteArrayList<>();

  private OtlpTap(String collector) throws IOException {
    this.collector = collector;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", this::forward);
    server.setExecutor(threads);
    server.start();
  }

  /** A tap on a free port passing requests on to the collector's OTLP/HTTP base URL. */
  static OtlpTap forwardingTo(String collectorOtlp) throws IOException {
    return new OtlpTap(collectorOtlp);
  }

  /** The base URL to give the agents instead of the collector's. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The trace requests the agents sent so far, in arrival order. */
  List<ExportTraceServiceRequest> requests() {
    return List.copyOf(requests);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(collector + exchange.getRequestURI()))
              .timeout(Duration.ofSeconds(30))
              .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
      if (type != null) {
        request.header("Content-Type", type);
      }
      if (encoding != null) {
        request.header("Content-Encoding", encoding);
      }
      HttpResponse<byte[]> answer;
      try {
        answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (answer.statusCode() == 200
          && exchange.getRequestURI().getPath().equals("/v1/traces")
          && "application/x-protobuf".equals(type)) {
        requests.add(ExportTraceServiceRequest.parseFrom(decoded(body, encoding)));
      }
      answer
          .headers()
          .firstValue("Content-Type")
          .ifPresent(t -> exchange.getResponseHeaders().add("Content-Type", t));
      exchange.sendResponseHeaders(
          answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
      if (answer.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(answer.body());
        }
      }
    }
  }

  private static byte[] decoded(byte[] body, String encoding) throws IOException {
    if (!"gzip".equalsIgnoreCase(encoding)) {
      return body;
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}

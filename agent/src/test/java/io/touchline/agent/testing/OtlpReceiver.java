package io.touchline.agent.testing;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A minimal OTLP/HTTP endpoint for agent tests, over plain HTTP or TLS: decodes what the agent
 * sends with the official generated protobuf classes and keeps every span with its resource.
 */
public final class OtlpReceiver implements AutoCloseable {

  /** A received span together with the resource it was sent under. */
  public static final class Received {
    public final Resource resource;
    public final Span span;

    Received(Resource resource, Span span) {
      this.resource = resource;
      this.span = span;
    }

    public String attribute(String key) {
      return stringOf(span.getAttributesList(), key);
    }

    public AnyValue value(String key) {
      for (KeyValue kv : span.getAttributesList()) {
        if (kv.getKey().equals(key)) {
          return kv.getValue();
        }
      }
      return null;
    }

    public String resourceAttribute(String key) {
      return stringOf(resource.getAttributesList(), key);
    }

    private static String stringOf(List<KeyValue> attributes, String key) {
      for (KeyValue kv : attributes) {
        if (kv.getKey().equals(key)) {
          return kv.getValue().getStringValue();
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final int status;
  private final int failures;
  private final String retryAfter;
  private final java.util.concurrent.atomic.AtomicInteger requests =
      new java.util.concurrent.atomic.AtomicInteger();
  private final List<Received> spans = new CopyOnWriteArrayList<>();
  private final List<String> contentTypes = new CopyOnWriteArrayList<>();

  public OtlpReceiver() throws IOException {
    this(200);
  }

  /**
   * A receiver that answers every export with {@code status}, e.g. 503 for an overloaded collector.
   */
  public OtlpReceiver(int status) throws IOException {
    this(status, Integer.MAX_VALUE, "30");
  }

  /**
   * The first {@code failures} exports are answered {@code status} with that Retry-After; then 200.
   */
  public OtlpReceiver(int status, int failures, String retryAfter) throws IOException {
    this(status, failures, retryAfter, null);
  }

  /**
   * A receiver on {@code https://127.0.0.1:<port>} with {@code tls}'s certificate, e.g. one a
   * {@link TestCa} signed.
   */
  public static OtlpReceiver overTls(SSLContext tls) throws IOException {
    return new OtlpReceiver(200, 0, "30", tls);
  }

  private OtlpReceiver(int status, int failures, String retryAfter, SSLContext tls)
      throws IOException {
    this.status = status;
    this.failures = failures;
    this.retryAfter = retryAfter;
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (tls == null) {
      server = HttpServer.create(loopback, 0);
    } else {
      HttpsServer https = HttpsServer.create(loopback, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    server.createContext(
        "/v1/traces",
        exchange -> {
          int requestNumber = requests.incrementAndGet();
          contentTypes.add(exchange.getRequestHeaders().getFirst("Content-Type"));
          if (status != 200 && requestNumber <= failures) {
            exchange.getRequestBody().close();
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
            return;
          }
          boolean gzip = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"));
          try (InputStream raw = exchange.getRequestBody();
              InputStream body = gzip ? new GZIPInputStream(raw) : raw) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.parseFrom(body);
            for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
              for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
                for (Span span : scopeSpans.getSpansList()) {
                  spans.add(new Received(resourceSpans.getResource(), span));
                }
              }
            }
          }
          byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
          exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
          exchange.sendResponseHeaders(200, response.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(response);
          }
        });
    server.start();
  }

  public String endpoint() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  public List<String> contentTypes() {
    return new ArrayList<>(contentTypes);
  }

  public List<Received> spans() {
    return new ArrayList<>(spans);
  }

  /** Waits until at least {@code count} spans arrived; returns them. */
  public List<Received> awaitSpans(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (spans.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return spans();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

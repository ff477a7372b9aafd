package io.touchline.collector.ingest;

import com.sun.net.httpserver.HttpServer;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The OTLP/HTTP handler alone on a JDK server with no executor, over a sink the test chooses (one
 * that refuses, fails or throws): how the handler answers what the store does.
 */
final class OtlpHttpOnSink {

  private final HttpClient http = HttpClient.newHttpClient();
  private final IngestCounters counters = new IngestCounters();
  private HttpServer server;

  /** Starts the server; returns the URL to post OTLP to. */
  String start(TouchpointSink sink) throws Exception {
    TraceIngest ingest =
        new TraceIngest(
            new SpanTranslator(KeyTypes.defaults()), sink, counters, Duration.ofSeconds(5));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
    server.createContext("/", new OtlpHttpHandler(ingest, 1 << 20));
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
  }

  HttpResponse<byte[]> post(String url, String contentType, byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  IngestCounters counters() {
    return counters;
  }

  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** One login touchpoint, as protobuf. */
  static byte[] oneTouchpoint() {
    return OtlpSpans.request(
            List.of(OtlpSpans.attribute("service.name", "shop")),
            new OtlpSpans()
                .span("login", OtlpSpans.attribute("touchline.key.email", "ann@example.com"))
                .build())
        .toByteArray();
  }
}

package io.touchline.collector.ingest;

import io.touchline.collector.http.HttpPort;
import io.touchline.collector.stitch.KeyTypes;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The OTLP/HTTP handler alone on a port, over a sink the test chooses (one that refuses, fails or
 * throws): how the handler answers what the store does.
 */
final class OtlpHttpOnSink {

  private final HttpClient http = HttpClient.newHttpClient();
  private final IngestCounters counters = new IngestCounters();
  private HttpPort server;

  /** Starts the server; returns the URL to post OTLP to. */
  String start(TouchpointSink sink) throws Exception {
    TraceIngest ingest =
        new TraceIngest(
            new SpanTranslator(KeyTypes.defaults()), sink, counters, Duration.ofSeconds(5));
    server = TestPorts.open(new OtlpHttpHandler(ingest, 1 << 20));
    return TestPorts.url(server) + "/v1/traces";
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
      server.close();
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

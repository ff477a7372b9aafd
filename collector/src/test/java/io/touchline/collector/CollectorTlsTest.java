package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.touchline.collector.config.CollectorConfigLoader;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCertificates;
import io.touchline.collector.testing.TestCollectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector in process with a {@code tls} section: every port speaks TLS with a certificate
 * from a CA made by the test, a client that trusts that CA is served, and one that does not, or
 * that speaks plain HTTP or gRPC, gets nothing.
 */
class CollectorTlsTest {

  private static final TestCertificates CA = TestCertificates.newCa();
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every interface, with the tokens that requires. */
  private static final String BEYOND_LOOPBACK =
      "bindAddress: 0.0.0.0\nauth:\n  ingestToken: ingest-token-0123456789\n"
          + "  apiToken: api-token-0123456789\n";

  @TempDir Path dir;
  private Collector collector;
  private ManagedChannel channel;
  private SdkTracerProvider tracerProvider;

  @AfterEach
  void stop() throws InterruptedException {
    if (tracerProvider != null) {
      tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void everyPortSpeaksTlsToAClientThatTrustsTheCa() throws Exception {
    // With an intermediate CA: the chain file's second certificate must reach the clients too.
    TestCertificates.Server server = CA.intermediate().issueServer(dir.resolve("tls"));
    start(server);
    assertThat(collector.otlpHttpUrl()).startsWith("https://127.0.0.1:");
    assertThat(collector.apiUrl()).startsWith("https://127.0.0.1:");
    assertThat(collector.otlpGrpcEndpoint()).isEqualTo("https://" + collector.otlpGrpcAddress());
    HttpClient https = HttpClient.newBuilder().sslContext(CA.clientContext()).build();
    OtlpSpans spans = new OtlpSpans();

    HttpResponse<String> exported =
        https.send(
            HttpRequest.newBuilder(URI.create(collector.otlpHttpUrl() + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(
                        request(spans.span("login", attribute("touchline.key.customer_id", "C-1")))
                            .toByteArray()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(exported.statusCode()).isEqualTo(200);

    ChannelCredentials trusting =
        TlsChannelCredentials.newBuilder().trustManager(server.ca().toFile()).build();
    channel = Grpc.newChannelBuilder(collector.otlpGrpcAddress(), trusting).build();
    TraceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(request(spans.span("checkout", attribute("touchline.key.customer_id", "C-1"))));

    HttpResponse<String> profile =
        https.send(
            HttpRequest.newBuilder(
                    URI.create(collector.apiUrl() + "/api/profiles?key=customer_id:C-1"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(profile.statusCode()).as(profile.body()).isEqualTo(200);
    assertThat(JSON.readTree(profile.body()).get("touchpoints"))
        .extracting(touchpoint -> touchpoint.get("touchpoint").asText())
        .containsExactly("login", "checkout");
  }

  @Test
  void theOpenTelemetryExportersSendToTheEndpointsTheCollectorNames() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir.resolve("tls"));
    start(server);
    byte[] ca = Files.readAllBytes(server.ca());

    export(
        OtlpHttpSpanExporter.builder()
            .setEndpoint(collector.otlpHttpUrl() + "/v1/traces")
            .setTrustedCertificates(ca)
            .build(),
        "http");
    export(
        OtlpGrpcSpanExporter.builder()
            .setEndpoint(collector.otlpGrpcEndpoint())
            .setTrustedCertificates(ca)
            .build(),
        "grpc");

    HttpResponse<String> profile =
        HttpClient.newBuilder()
            .sslContext(CA.clientContext())
            .build()
            .send(
                HttpRequest.newBuilder(
                        URI.create(collector.apiUrl() + "/api/profiles?key=customer_id:C-2"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode touchpoints = JSON.readTree(profile.body()).get("touchpoints");
    assertThat(touchpoints)
        .extracting(touchpoint -> touchpoint.get("touchpoint").asText())
        .containsExactlyInAnyOrder("sent over http", "sent over grpc");
  }

  @Test
  void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
    start(CA.issueServer(dir.resolve("tls")));
    HttpClient systemTrust = HttpClient.newHttpClient();

    for (String url : List.of(collector.apiUrl() + "/api/health", collector.otlpHttpUrl())) {
      assertThatThrownBy(
              () ->
                  systemTrust.send(
                      HttpRequest.newBuilder(URI.create(url)).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .as(url)
          .isInstanceOf(SSLHandshakeException.class);
    }
    channel =
        Grpc.newChannelBuilder(collector.otlpGrpcAddress(), TlsChannelCredentials.create()).build();
    assertThatThrownBy(() -> exportOverGrpc(channel))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void plainHttpAndPlaintextGrpcToTheTlsPortsGetNoData() throws Exception {
    start(CA.issueServer(dir.resolve("tls")));
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    for (String url : List.of(collector.apiUrl() + "/api/health", collector.otlpHttpUrl())) {
      URI asHttp = URI.create(url.replace("https://", "http://"));
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(asHttp).timeout(Duration.ofSeconds(10)).build(),
                      HttpResponse.BodyHandlers.ofString()))
          .as(asHttp.toString())
          .isInstanceOf(IOException.class);
      // What the server sends back to a plain request before it closes: no HTTP, no data.
      assertThat(plainRequestAnswer(asHttp)).doesNotContain("HTTP/").doesNotContain("{");
    }
    channel =
        Grpc.newChannelBuilder(collector.otlpGrpcAddress(), InsecureChannelCredentials.create())
            .build();
    assertThatThrownBy(() -> exportOverGrpc(channel))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
  }

  @Test
  void everyPortSpeaksTls13AndTls12() throws Exception {
    start(CA.issueServer(dir.resolve("tls")));
    List<Integer> ports =
        List.of(
            URI.create(collector.apiUrl()).getPort(),
            URI.create(collector.otlpHttpUrl()).getPort(),
            URI.create(collector.otlpGrpcEndpoint()).getPort());

    for (int port : ports) {
      assertThat(handshake(port, null)).as("port " + port).isEqualTo("TLSv1.3");
      assertThat(handshake(port, "TLSv1.2")).as("port " + port).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void aCertificateAboutToExpireIsSaidAtStart() throws Exception {
    Instant notAfter =
        Instant.now().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    TestCertificates.Server server =
        CA.issueServer(
            dir.resolve("tls"),
            TestCertificates.KeyType.RSA,
            Instant.now().minus(Duration.ofDays(80)),
            notAfter);

    String stderr = stderrOf(() -> start(server));

    assertThat(stderr)
        .contains(
            "touchline collector: warning: the TLS certificate CN=localhost (tls.certificate)"
                + " expires on "
                + notAfter
                + ", in 2 days; clients will refuse the ports then. Replace the files and restart"
                + " the collector.");
  }

  @Test
  void aCertificateValidForLongerIsNotWarnedOf() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir.resolve("tls"));

    assertThat(stderrOf(() -> start(server))).doesNotContain("warning");
  }

  @Test
  void portsReachableBeyondThisMachineWithoutTlsAreWarnedOfAtStart() throws Exception {
    String stderr = stderrOf(() -> start(BEYOND_LOOPBACK));

    assertThat(stderr)
        .contains(
            "touchline collector: warning: bindAddress 0.0.0.0 is reachable beyond this machine and"
                + " tls is not set: bearer tokens and customer data travel in clear on ports "
                + URI.create("http://" + collector.otlpGrpcAddress()).getPort()
                + " (OTLP/gRPC), "
                + URI.create(collector.otlpHttpUrl()).getPort()
                + " (OTLP/HTTP) and "
                + URI.create(collector.apiUrl()).getPort()
                + " (API and UI). Set tls.certificate and tls.privateKey in collector.yaml, or"
                + " keep these ports on a private network behind a TLS-terminating proxy"
                + " (docs/security.md).");
  }

  @Test
  void portsReachableBeyondThisMachineWithTlsOrOnLoopbackAreNotWarnedOf() throws Exception {
    TestCertificates.Server server = CA.issueServer(dir.resolve("tls"));
    String withTls =
        stderrOf(
            () ->
                start(
                    BEYOND_LOOPBACK
                        + "tls:\n  certificate: "
                        + server.certificate()
                        + "\n  privateKey: "
                        + server.privateKey()
                        + "\n"));
    collector.close();
    String onLoopback = stderrOf(() -> start("api:\n  port: 0\n"));

    assertThat(withTls).doesNotContain("warning");
    assertThat(onLoopback).doesNotContain("warning");
  }

  private void start(TestCertificates.Server server) throws Exception {
    start(
        "tls:\n  certificate: "
            + server.certificate()
            + "\n  privateKey: "
            + server.privateKey()
            + "\n");
  }

  private void start(String yaml) throws Exception {
    collector =
        TestCollectors.startWith(
            dir.resolve("data"), new CollectorConfigLoader().parse("collector.yaml", yaml));
  }

  private static ExportTraceServiceRequest request(
      io.opentelemetry.proto.trace.v1.Span.Builder span) {
    return OtlpSpans.request(List.of(attribute("service.name", "shop")), span.build());
  }

  private static void exportOverGrpc(ManagedChannel channel) {
    TraceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .export(
            request(new OtlpSpans().span("login", attribute("touchline.key.customer_id", "C-9"))));
  }

  private void export(SpanExporter exporter, String protocol) {
    tracerProvider =
        SdkTracerProvider.builder()
            .setResource(
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop")))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracerProvider
        .get("test")
        .spanBuilder("sent over " + protocol)
        .setAttribute("touchline.key.customer_id", "C-2")
        .startSpan()
        .end();
    assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
        .as(protocol)
        .isTrue();
    tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    tracerProvider = null;
  }

  /** The TLS version a handshake with the CA's trust settles on; {@code only} limits the client. */
  private static String handshake(int port, String only) throws IOException {
    try (SSLSocket socket =
        (SSLSocket) CA.clientContext().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2", "http/1.1"});
      if (only != null) {
        parameters.setProtocols(new String[] {only});
      }
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }

  /** Sends a plain HTTP request to {@code uri}'s port and returns what arrives until it closes. */
  private static String plainRequestAnswer(URI uri) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("GET " + uri.getPath() + " HTTP/1.1\r\nHost: x\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream answer = new ByteArrayOutputStream();
      try {
        in.transferTo(answer);
      } catch (IOException e) {
        // reset by the server: closed too
      }
      return answer.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private interface Action {
    void run() throws Exception;
  }

  private static String stderrOf(Action action) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(stderr);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}

package io.touchline.agent.export;

import static io.touchline.agent.export.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import io.touchline.agent.config.AgentConfig;
import io.touchline.agent.config.AgentConfigLoader;
import io.touchline.agent.log.AgentLog;
import io.touchline.agent.testing.OtlpReceiver;
import io.touchline.agent.testing.TestCa;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The export pipeline, as the agent builds it from agent.yaml, sending to an https collector with
 * both HTTP clients: a certificate signed by {@code export.tls.caCertificate}'s CA is trusted, any
 * other — another CA, another host name — is refused, said once in the log, and counted as dropped.
 */
class HttpsExportTest {

  private static TestCa ca;
  private static TestCa otherCa;

  @TempDir Path tmp;

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @BeforeAll
  static void makeCas() throws Exception {
    ca = TestCa.create("Touchline Test CA");
    otherCa = TestCa.create("Some Other CA");
  }

  @BeforeEach
  void captureTheAgentLog() {
    AgentLog.setOutput(new PrintStream(log, true));
  }

  @AfterEach
  void restoreTheAgentLog() {
    AgentLog.setOutput(System.err);
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void sendsToACollectorWhoseCertificateTheConfiguredCaSigned(String client) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.overTls(ca.serverTls("127.0.0.1", "localhost"))) {
      SpanPipeline pipeline = start(collector, client, ca.writePem(tmp.resolve("ca.pem")));
      try {
        assertThat(pipeline.description())
            .isEqualTo(
                collector.endpoint()
                    + "/v1/traces via "
                    + client
                    + " (TLS, trusting the CA certificate(s) in "
                    + tmp.resolve("ca.pem")
                    + ")");
        pipeline.record(record("cart.add", null));
        assertThat(pipeline.flush(10_000)).isTrue();

        assertThat(collector.awaitSpans(1, Duration.ofSeconds(5)))
            .extracting(received -> received.span.getName())
            .containsExactly("cart.add");
        assertThat(pipeline.exportedCount()).isEqualTo(1);
        assertThat(pipeline.droppedCount()).isZero();
        assertThat(logText()).doesNotContain("ERROR").doesNotContain("WARN");
      } finally {
        pipeline.shutdown(1_000);
      }
    }
  }

  /** A CA bundle: the collector's CA need not be the first certificate in the file. */
  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void trustsEveryCaOfABundle(String client) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.overTls(ca.serverTls("127.0.0.1"))) {
      Path bundle = tmp.resolve("bundle.pem");
      Files.write(bundle, (otherCa.pem() + "\n" + ca.pem()).getBytes(StandardCharsets.US_ASCII));
      SpanPipeline pipeline = start(collector, client, bundle);
      try {
        pipeline.record(record("cart.add", null));
        assertThat(pipeline.flush(10_000)).isTrue();
        assertThat(pipeline.exportedCount()).isEqualTo(1);
      } finally {
        pipeline.shutdown(1_000);
      }
    }
  }

  /** Without the setting, the JVM's default trust store decides, and it knows no private CA. */
  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void refusesAPrivateCaWithoutTheSettingAndSaysSoOnce(String client) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.overTls(ca.serverTls("127.0.0.1"))) {
      SpanPipeline pipeline = start(collector, client, null);
      try {
        sendThreeBatches(pipeline);

        assertThat(collector.requests()).isZero();
        assertThat(pipeline.exportedCount()).isZero();
        assertThat(pipeline.droppedCount()).isEqualTo(3);
        assertThat(errorLines())
            .singleElement(STRING)
            .startsWith(
                "[touchline] ERROR TLS handshake with "
                    + collector.endpoint()
                    + "/v1/traces failed: javax.net.ssl.SSLHandshakeException: ")
            .endsWith(
                ". If the collector's certificate is signed by your own CA, set"
                    + " export.tls.caCertificate to that CA's PEM file; the certificate must"
                    + " also name the endpoint's host. Touchpoints are dropped and counted until"
                    + " it succeeds; this is said once.");
      } finally {
        pipeline.shutdown(1_000);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void refusesACollectorSignedByAnotherCa(String client) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.overTls(otherCa.serverTls("127.0.0.1"))) {
      SpanPipeline pipeline = start(collector, client, ca.writePem(tmp.resolve("ca.pem")));
      try {
        sendThreeBatches(pipeline);

        assertThat(collector.requests()).isZero();
        assertThat(pipeline.droppedCount()).isEqualTo(3);
        assertThat(errorLines())
            .singleElement(STRING)
            .contains(
                ". Check that "
                    + tmp.resolve("ca.pem")
                    + " (export.tls.caCertificate) holds the CA that signed the collector's"
                    + " certificate, and that the certificate names the endpoint's host");
      } finally {
        pipeline.shutdown(1_000);
      }
    }
  }

  /** Hostname verification stays on: a certificate for another host is refused. */
  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void refusesACertificateForAnotherHost(String client) throws Exception {
    try (OtlpReceiver collector = OtlpReceiver.overTls(ca.serverTls("collector.example"))) {
      SpanPipeline pipeline = start(collector, client, ca.writePem(tmp.resolve("ca.pem")));
      try {
        sendThreeBatches(pipeline);

        assertThat(collector.requests()).isZero();
        assertThat(pipeline.droppedCount()).isEqualTo(3);
        assertThat(errorLines()).hasSize(1);
      } finally {
        pipeline.shutdown(1_000);
      }
    }
  }

  /**
   * Legacy applications sometimes switch {@code HttpsURLConnection}'s JVM-wide defaults to accept
   * any certificate and any host name. The agent's exports, which carry customer keys, keep their
   * own checks.
   */
  @ParameterizedTest
  @ValueSource(strings = {"java.net.http", "HttpURLConnection"})
  void ignoresAnApplicationsLenientHttpsDefaults(String client) throws Exception {
    HostnameVerifier verifier = HttpsURLConnection.getDefaultHostnameVerifier();
    SSLSocketFactory factory = HttpsURLConnection.getDefaultSSLSocketFactory();
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new TrustingEverything()}, null);
    HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
    HttpsURLConnection.setDefaultSSLSocketFactory(trustAll.getSocketFactory());
    try (OtlpReceiver wrongHost = OtlpReceiver.overTls(ca.serverTls("collector.example"));
        OtlpReceiver privateCa = OtlpReceiver.overTls(ca.serverTls("127.0.0.1"))) {
      SpanPipeline withCa = start(wrongHost, client, ca.writePem(tmp.resolve("ca.pem")));
      SpanPipeline withoutCa = start(privateCa, client, null);
      try {
        withCa.record(record("cart.add", null));
        withoutCa.record(record("cart.add", null));
        assertThat(withCa.flush(10_000)).isTrue();
        assertThat(withoutCa.flush(10_000)).isTrue();

        assertThat(wrongHost.requests()).isZero();
        assertThat(privateCa.requests()).isZero();
        assertThat(withCa.droppedCount()).isEqualTo(1);
        assertThat(withoutCa.droppedCount()).isEqualTo(1);
      } finally {
        withCa.shutdown(1_000);
        withoutCa.shutdown(1_000);
      }
    } finally {
      HttpsURLConnection.setDefaultHostnameVerifier(verifier);
      HttpsURLConnection.setDefaultSSLSocketFactory(factory);
    }
  }

  private SpanPipeline start(OtlpReceiver collector, String client, Path caFile) throws Exception {
    String yaml =
        String.join(
            "\n",
            "service: shop",
            "export:",
            "  endpoint: " + collector.endpoint(),
            "  httpClient: " + client,
            "  timeout: 5s",
            "  flushInterval: 50ms",
            caFile == null ? "" : "  tls:\n    caCertificate: " + caFile,
            "touchpoints:",
            "  - name: x",
            "    class: a.B",
            "    method: c",
            "");
    AgentConfig config = new AgentConfigLoader(Collections.emptyMap()).parse("agent.yaml", yaml);
    return SpanPipeline.start(config, Collections.emptyMap());
  }

  /** Three batches, one after the other, each failing or succeeding before the next is queued. */
  private static void sendThreeBatches(SpanPipeline pipeline) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      pipeline.record(record("cart.add", null));
      assertThat(pipeline.flush(10_000)).isTrue();
    }
  }

  private String logText() {
    return new String(log.toByteArray(), StandardCharsets.UTF_8);
  }

  /** The agent's ERROR and WARN lines, OpenTelemetry's own included. */
  private List<String> errorLines() {
    return Arrays.stream(logText().split("\n"))
        .filter(line -> line.contains(" ERROR ") || line.contains(" WARN "))
        .collect(Collectors.toList());
  }

  private static final class TrustingEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

package io.touchline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.agent.testing.Conversation;
import io.touchline.agent.testing.JvmRun;
import io.touchline.agent.testing.OtlpReceiver;
import io.touchline.agent.testing.TestCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real JVM with the agent jar exporting to an {@code https://} collector whose certificate a
 * private CA signed (made by the test), with each of the two HTTP clients, on every JDK installed
 * beside the build's: with {@code export.tls.caCertificate} the spans arrive; without it the
 * handshake fails, nothing arrives, the application serves on, and the log says why once.
 *
 * <p>The collector here is the tests' OTLP/HTTP receiver behind TLS ({@link #startCollector}); the
 * agent sees only its {@code https://127.0.0.1:<port>} endpoint and its certificate, so the real
 * collector can take its place once it serves TLS itself.
 */
class HttpsExportIT {

  private static final Path AGENT_JAR =
      Paths.get(System.getProperty("touchline.agent.jar", "target/touchline-agent.jar"))
          .toAbsolutePath();
  private static final Path FIXTURE_CLASSES = Paths.get("target/test-classes").toAbsolutePath();
  private static final List<String> CLIENTS = Arrays.asList("java.net.http", "HttpURLConnection");

  private static TestCa ca;

  @TempDir Path tmp;

  @BeforeAll
  static void makeTheCa() throws Exception {
    ca = TestCa.create("Touchline Test CA");
  }

  /** Every installed JDK (17 and 25 here) with each HTTP client. */
  static Stream<Arguments> jdksAndClients() throws IOException {
    return AgentJarIT.javaExecutables()
        .flatMap(java -> CLIENTS.stream().map(client -> Arguments.of(java, client)));
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("jdksAndClients")
  void spansArriveOverHttpsWhenTheCollectorsCaIsConfigured(String java, String client)
      throws Exception {
    try (OtlpReceiver collector = startCollector(ca.serverTls("127.0.0.1", "localhost"))) {
      Path caFile = ca.writePem(tmp.resolve("ca.pem"));
      Path config = writeConfig(collector.endpoint(), client, caFile);

      JvmRun run =
          JvmRun.run(
              Arrays.asList(
                  java,
                  "-javaagent:" + AGENT_JAR + "=config=" + config,
                  "-cp",
                  FIXTURE_CLASSES.toString(),
                  "com.acme.fixture.FixtureApp"),
              tmp,
              new HashMap<>());

      assertThat(run.exitCode).isZero();
      assertThat(run.stdout).isEqualTo(AgentJarIT.FIXTURE_OUTPUT);
      assertThat(run.stderr.split("\n")).allMatch(line -> line.startsWith("[touchline] "));
      assertThat(run.stderr)
          .contains(
              "exporting to "
                  + collector.endpoint()
                  + "/v1/traces via "
                  + client
                  + " (TLS, trusting the CA certificate(s) in "
                  + caFile
                  + ")")
          .doesNotContain(" ERROR ")
          .doesNotContain(" WARN ");
      List<OtlpReceiver.Received> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(spans)
          .extracting(received -> received.attribute("touchline.outcome"))
          .containsExactly("success", "error");
      assertThat(spans.get(0).resourceAttribute("service.name")).isEqualTo("fixture-app");
      assertThat(run.stderr).contains(" 2 touchpoint(s) emitted, 0 dropped");
    }
  }

  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("jdksAndClients")
  void withoutTheCaTheHandshakeFailsAndTheApplicationServesOn(String java, String client)
      throws Exception {
    try (OtlpReceiver collector = startCollector(ca.serverTls("127.0.0.1", "localhost"))) {
      Path config = writeConfig(collector.endpoint(), client, null);
      Path stderr = tmp.resolve("stderr.txt");
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-javaagent:" + AGENT_JAR + "=config=" + config,
                  "-cp",
                  FIXTURE_CLASSES.toString(),
                  "com.acme.fixture.ServingApp")
              .redirectError(stderr.toFile());
      builder.environment().keySet().removeIf(name -> name.startsWith("TOUCHLINE_"));
      Process app = builder.start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
          Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
        assertThat(out.readLine()).isEqualTo("serving");
        assertThat(Conversation.ask(in, out, "login ann@example.com")).startsWith("logged in C-");
        Conversation.awaitText(stderr, "TLS handshake with " + collector.endpoint());
        // A second batch after the first one failed: it fails alike, and is not reported again.
        assertThat(Conversation.ask(in, out, "login bob@example.com")).startsWith("logged in C-");
        assertThat(Conversation.ask(in, out, "quit")).isEqualTo("bye");
      } finally {
        Conversation.awaitExit(app);
      }

      assertThat(app.exitValue()).isZero();
      String log = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
      assertThat(log.split("\n")).allMatch(line -> line.startsWith("[touchline] "));
      assertThat(log.split("\n"))
          .filteredOn(line -> line.contains(" ERROR "))
          .singleElement()
          .asString()
          .startsWith(
              "[touchline] ERROR TLS handshake with "
                  + collector.endpoint()
                  + "/v1/traces failed: javax.net.ssl.SSLHandshakeException: ")
          .contains("set export.tls.caCertificate to that CA's PEM file");
      assertThat(log).contains(" 0 touchpoint(s) emitted, 2 dropped");
      assertThat(collector.requests()).isZero();
      assertThat(collector.spans()).isEmpty();
    }
  }

  /** The collector the agent exports to: over TLS, with a certificate from {@code tls}. */
  private static OtlpReceiver startCollector(SSLContext tls) throws IOException {
    return OtlpReceiver.overTls(tls);
  }

  private Path writeConfig(String endpoint, String client, Path caFile) throws IOException {
    Path config = tmp.resolve("agent.yaml");
    String yaml =
        String.join(
            "\n",
            "service: fixture-app",
            "channel: web",
            "export:",
            "  endpoint: " + endpoint,
            "  httpClient: " + client,
            "  flushInterval: 100ms",
            // The fixture exits right after its calls: give the last export time on slow machines.
            "  shutdownTimeout: 10s",
            caFile == null ? "" : "  tls:\n    caCertificate: " + caFile,
            "touchpoints:",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: login(java.lang.String, java.lang.String)",
            "    keys:",
            "      email: args[0]",
            "      session: args[1]",
            "");
    Files.write(config, yaml.getBytes(StandardCharsets.UTF_8));
    return config;
  }
}

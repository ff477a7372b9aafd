package io.touchline.collector;

import static io.touchline.collector.testing.CollectorProcess.yamlPath;
import static io.touchline.collector.testing.OtlpSpans.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.touchline.collector.testing.CollectorProcess;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCertificates;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged collector with a {@code tls} section (so BouncyCastle works inside the shaded jar):
 * clients that connect to a TLS port and never finish the handshake (they send nothing, half a
 * ClientHello, or plain HTTP) are closed by the server within the request time, on every port,
 * while the others are served meanwhile.
 */
class TlsClientsIT {

  /** The request time (10 s by default); shorter keeps the test short. */
  private static final int REQUEST_SECONDS = 4;

  /** How long after the request time a silent connection may still be open. */
  private static final int MARGIN_SECONDS = 4;

  private static final int CLIENTS_PER_KIND = 20;

  /**
   * A TLS record header announcing a 512-byte handshake message, and the start of a ClientHello:
   * the server waits for the rest, which never comes.
   */
  private static final byte[] HALF_CLIENT_HELLO = {
    0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 0x11, 0x22, 0x33
  };

  private static final byte[] PLAIN_HTTP =
      "GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  @TempDir Path dir;
  private CollectorProcess collector;
  private ManagedChannel channel;
  private final List<Client> clients = new ArrayList<>();

  private record Client(String what, Socket socket, long openedNanos) {}

  @AfterEach
  void stop() throws Exception {
    for (Client client : clients) {
      client.socket().close();
    }
    if (channel != null) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void handshakesNeverFinishedAreCutOnEveryPortWhileOthersAreServed() throws Exception {
    TestCertificates ca = TestCertificates.newCa();
    TestCertificates.Server server = ca.issueServer(dir.resolve("tls"));
    Path config =
        CollectorProcess.writeConfig(
            dir,
            "tls:\n  certificate: "
                + yamlPath(server.certificate())
                + "\n  privateKey: "
                + yamlPath(server.privateKey())
                + "\nhttp:\n  headerTimeout: "
                + REQUEST_SECONDS
                + "s\n");
    collector =
        CollectorProcess.launch(
            dir, dir.resolve("stderr.log"), List.of(), "--config", config.toString());
    Matcher ready = collector.awaitReady();
    assertThat(ready.group()).contains("otlp-grpc=https://127.0.0.1:");
    URI otlp = URI.create(ready.group(1));
    URI api = URI.create(ready.group(2));
    URI grpc = URI.create("https://" + ready.group(3));
    assertThat(otlp.getScheme()).isEqualTo("https");
    assertThat(api.getScheme()).isEqualTo("https");

    for (URI port : List.of(otlp, api, grpc)) {
      for (int i = 0; i < CLIENTS_PER_KIND; i++) {
        open(port, "silent", new byte[0]);
        open(port, "half a ClientHello", HALF_CLIENT_HELLO);
        open(port, "plain HTTP", PLAIN_HTTP);
      }
    }

    // Meanwhile, clients that finish their handshake are served on every port.
    HttpClient https =
        HttpClient.newBuilder()
            .sslContext(ca.clientContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> health =
        https.send(
            HttpRequest.newBuilder(api.resolve("/api/health"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    HttpResponse<String> export =
        https.send(
            HttpRequest.newBuilder(otlp.resolve("/v1/traces"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(export.statusCode()).isEqualTo(200);
    channel =
        Grpc.newChannelBuilder(
                ready.group(3),
                TlsChannelCredentials.newBuilder().trustManager(server.ca().toFile()).build())
            .build();
    TraceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .export(
            OtlpSpans.request(
                List.of(attribute("service.name", "shop")),
                new OtlpSpans()
                    .span("login", attribute("touchline.key.customer_id", "C-1"))
                    .build()));

    // The server closes each of them, without a word of HTTP, before the request time is over.
    for (Client client : clients) {
      String answer = readUntilClosed(client);
      assertThat(answer).as(client.what()).doesNotContain("HTTP/");
    }
  }

  private void open(URI port, String what, byte[] start) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(port.getHost(), port.getPort()), 5000);
    long opened = System.nanoTime();
    socket.getOutputStream().write(start);
    socket.getOutputStream().flush();
    clients.add(new Client(what + " to port " + port.getPort(), socket, opened));
  }

  /** What the server sent before it closed; fails if it is still open past its time. */
  private static String readUntilClosed(Client client) throws IOException {
    long deadline =
        client.openedNanos() + TimeUnit.SECONDS.toNanos(REQUEST_SECONDS + MARGIN_SECONDS);
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    Socket socket = client.socket();
    InputStream in = socket.getInputStream();
    try {
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        socket.setSoTimeout((int) Math.max(1, left));
        int read = in.read();
        if (read < 0) {
          break;
        }
        answer.write(read);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          client.what()
              + ": still open "
              + (REQUEST_SECONDS + MARGIN_SECONDS)
              + " s after it connected",
          e);
    } catch (IOException e) {
      // reset by the server: closed too
    }
    return answer.toString(StandardCharsets.ISO_8859_1);
  }
}

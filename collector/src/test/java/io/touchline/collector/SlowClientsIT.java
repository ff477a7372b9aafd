package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.testing.CollectorProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 clients that open a connection to each HTTP port, send the start of a request and then
 * nothing (a slowloris): the API and OTLP/HTTP go on answering others within 5 s, and the server
 * closes the slow connections itself once their request has not arrived in time.
 */
class SlowClientsIT {

  private static final int SLOW_CLIENTS = 200;

  /** Cut after this many seconds (the default is 10; shorter keeps the test short). */
  private static final int REQUEST_SECONDS = 4;

  @TempDir Path dir;
  private CollectorProcess collector;
  private final List<Socket> slow = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : slow) {
      socket.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void slowClientsCostOthersNothingAndAreCutByTheServer() throws Exception {
    Path config = CollectorProcess.writeConfig(dir, "");
    collector =
        CollectorProcess.launch(
            dir,
            dir.resolve("stderr.log"),
            List.of("-Dsun.net.httpserver.maxReqTime=" + REQUEST_SECONDS),
            "--config",
            config.toString());
    Matcher ready = collector.awaitReady();
    URI otlp = URI.create(ready.group(1));
    URI api = URI.create(ready.group(2));

    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(startSlowRequest(api, "GET /api/he"));
      slow.add(
          startSlowRequest(
              otlp,
              "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
                  + "Content-Length: 1000\r\n\r\nabc"));
    }

    long[] apiMillis = new long[9];
    long[] otlpMillis = new long[9];
    for (int probe = 0; probe < 9; probe++) {
      long began = System.nanoTime();
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(api.resolve("/api/health"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      apiMillis[probe] = (System.nanoTime() - began) / 1_000_000;
      assertThat(health.statusCode()).isEqualTo(200);
      began = System.nanoTime();
      HttpResponse<String> export =
          http.send(
              HttpRequest.newBuilder(otlp.resolve("/v1/traces"))
                  .timeout(Duration.ofSeconds(5))
                  .header("Content-Type", "application/x-protobuf")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      otlpMillis[probe] = (System.nanoTime() - began) / 1_000_000;
      assertThat(export.statusCode()).isEqualTo(200);
    }
    Arrays.sort(apiMillis);
    Arrays.sort(otlpMillis);
    System.out.println(
        "with "
            + SLOW_CLIENTS
            + " slow clients per port: API answered in "
            + Arrays.toString(apiMillis)
            + " ms, OTLP/HTTP in "
            + Arrays.toString(otlpMillis)
            + " ms");

    // The server closes each slow connection: its read ends (EOF or reset) instead of waiting.
    for (Socket socket : slow) {
      socket.setSoTimeout((REQUEST_SECONDS + 10) * 1000);
      InputStream in = socket.getInputStream();
      try {
        while (in.read() >= 0) {
          // whatever the server says before it closes
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError(
            "a slow connection was still open after " + (REQUEST_SECONDS + 10) + " s", e);
      } catch (IOException e) {
        // reset by the server: closed too
      }
    }
  }

  /** Opens a connection and sends {@code start} of a request, then nothing more. */
  private static Socket startSlowRequest(URI base, String start) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
    OutputStream out = socket.getOutputStream();
    out.write(start.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    return socket;
  }
}

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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 200 clients on each HTTP port that send their request a byte a second (a slowloris: the API's
 * clients trickle their headers, OTLP/HTTP's their body), as many that send the start of a request
 * and then nothing, and a few that connect and send nothing: the API and OTLP/HTTP go on answering
 * others within 5 s, and the server answers each unfinished request 408 and closes the silent
 * connections when idle.
 */
class SlowClientsIT {

  private static final int SLOW_CLIENTS = 200;

  /** Cut after this many seconds (the defaults are 10 and 30; shorter keeps the test short). */
  private static final int REQUEST_SECONDS = 4;

  /** Idle connections are closed after this many seconds. */
  private static final int IDLE_SECONDS = 6;

  @TempDir Path dir;
  private CollectorProcess collector;
  private final List<Socket> slow = new ArrayList<>();
  private final List<Socket> stopped = new ArrayList<>();
  private final List<Socket> silent = new ArrayList<>();
  private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @AfterEach
  void stop() throws IOException {
    trickle.shutdownNow();
    for (Socket socket : slow) {
      socket.close();
    }
    for (Socket socket : stopped) {
      socket.close();
    }
    for (Socket socket : silent) {
      socket.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  @Test
  void slowClientsCostOthersNothingAndAreCutByTheServer() throws Exception {
    Path config =
        CollectorProcess.writeConfig(
            dir,
            "http:\n  headerTimeout: "
                + REQUEST_SECONDS
                + "s\n  bodyTimeout: "
                + REQUEST_SECONDS
                + "s\n  idleTimeout: "
                + IDLE_SECONDS
                + "s\n");
    collector =
        CollectorProcess.launch(
            dir, dir.resolve("stderr.log"), List.of(), "--config", config.toString());
    Matcher ready = collector.awaitReady();
    URI otlp = URI.create(ready.group(1));
    URI api = URI.create(ready.group(2));

    for (int i = 0; i < SLOW_CLIENTS; i++) {
      slow.add(startSlowRequest(api, "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: "));
      slow.add(
          startSlowRequest(
              otlp,
              "POST /v1/traces HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
                  + "Content-Length: 1000\r\n\r\nabc"));
      stopped.add(startSlowRequest(api, "GET /api/he"));
      stopped.add(startSlowRequest(otlp, "POST /v1/tr"));
      if (i % 10 == 0) {
        silent.add(startSlowRequest(api, ""));
        silent.add(startSlowRequest(otlp, ""));
      }
    }
    // A byte a second on every slow connection: never idle, never done.
    trickle.scheduleAtFixedRate(
        () -> {
          for (Socket socket : slow) {
            try {
              socket.getOutputStream().write('a');
            } catch (IOException closed) {
              // the server closed it: what is asserted below
            }
          }
        },
        1,
        1,
        TimeUnit.SECONDS);

    long[] apiMillis = new long[9];
    long[] otlpMillis = new long[9];
    for (int probe = 0; probe < 9; probe++) {
      Thread.sleep(400); // spreads the probes over the slow requests' time, not a wait
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

    // The server answers each request begun and not finished in time 408 and closes it, whether
    // it trickles or stopped; a connection that never sent a byte is closed when idle, unanswered.
    for (Socket socket : slow) {
      assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 408 ");
    }
    for (Socket socket : stopped) {
      assertThat(readUntilClosed(socket)).startsWith("HTTP/1.1 408 ");
    }
    for (Socket socket : silent) {
      assertThat(readUntilClosed(socket)).isEmpty();
    }
  }

  /** What the server says on a connection before it closes it. */
  private static String readUntilClosed(Socket socket) throws IOException {
    socket.setSoTimeout((IDLE_SECONDS + 10) * 1000);
    InputStream in = socket.getInputStream();
    StringBuilder said = new StringBuilder();
    try {
      int b;
      while ((b = in.read()) >= 0) {
        said.append((char) b);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "a slow connection was still open after " + (IDLE_SECONDS + 10) + " s", e);
    } catch (IOException e) {
      // reset by the server after its answer: closed too
    }
    return said.toString();
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

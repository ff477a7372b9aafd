package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.http.HttpPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of collector.yaml's {@code http} section, each at its edge, on a real port with the
 * collector's filters: header size (431, 414), header and body deadlines (408), idle connections,
 * and the connection caps in all and per client.
 */
class HttpLimitsTest {

  private final List<Socket> sockets = new ArrayList<>();
  private final ExecutorService background = Executors.newCachedThreadPool();
  private HttpPort port;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    background.shutdownNow();
    if (port != null) {
      port.close();
    }
  }

  private void listen(CollectorConfig.Http http) throws IOException {
    port =
        HttpListeners.listen(
            "api",
            "127.0.0.1",
            "api.port",
            0,
            null,
            http,
            exchange -> {
              if (exchange.path().equals("/refuse")) {
                exchange.send(403, "no".getBytes(StandardCharsets.UTF_8)); // the body unread
              } else if (exchange.method().equals("POST")) {
                byte[] body = exchange.body(1 << 20);
                exchange.send(200, ("read " + body.length).getBytes(StandardCharsets.UTF_8));
              } else {
                exchange.send(200, "ok".getBytes(StandardCharsets.UTF_8));
              }
            },
            new RequestGate(),
            null,
            0,
            Thread::new);
  }

  private static CollectorConfig.Http http(
      String header, String body, String idle, int maxHeaderBytes, int all, int perClient) {
    return new CollectorConfig.Http(header, body, idle, maxHeaderBytes, all, perClient);
  }

  @Test
  void headersUpToTheLimitAreReadAndBeyondItAre431OrForALongRequestLine414() throws Exception {
    listen(http(null, null, null, 1024, 100, 0));
    // The limit counts the request line and the headers, the blank line ending them included.
    assertThat(statusLine(requestWithHeadOf(1024))).isEqualTo("HTTP/1.1 200 OK");
    String tooLarge = readAllOf(requestWithHeadOf(1025));
    assertThat(tooLarge).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
    assertThat(tooLarge)
        .contains("application/json")
        .contains("{\"error\":\"Request Header Fields Too Large");
    String longPath = "/api/health?" + "q".repeat(1100);
    assertThat(statusLine("GET " + longPath + " HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo("HTTP/1.1 414 URI Too Long");
  }

  /** A GET whose line, headers and blank line are {@code bytes} long. */
  private static String requestWithHeadOf(int bytes) {
    String start = "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Pad: ";
    String end = "\r\n\r\n";
    return start + "p".repeat(bytes - start.length() - end.length()) + end;
  }

  @Test
  void headersTrickledPastTheirTimeoutAre408AndTheConnectionIsClosed() throws Exception {
    listen(http("2s", null, "30s", 16384, 100, 0));
    Socket slow = connect();
    send(slow, "GET /api/health HTTP/1.1\r\nHost: x\r\n");
    long began = System.nanoTime();
    // A header byte every 200 ms: never idle, never done.
    CompletableFuture<String> answer =
        CompletableFuture.supplyAsync(() -> readAll(slow), background);
    while (!answer.isDone() && System.nanoTime() - began < TimeUnit.SECONDS.toNanos(10)) {
      try {
        send(slow, "X");
      } catch (IOException closed) {
        break;
      }
      Thread.sleep(200); // the pace of the slow client, not a wait for the server
    }
    String received = answer.get(10, TimeUnit.SECONDS);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - began);
    assertThat(received).startsWith("HTTP/1.1 408 Request Timeout");
    assertThat(received).contains("did not arrive within 2 s");
    assertThat(seconds).as("cut after its 2 s, within the sweep's second").isBetween(1L, 5L);
    assertThat(statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"))
        .isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void aBodyTrickledPastItsTimeoutIs408() throws Exception {
    listen(http("10s", "2s", "30s", 16384, 100, 0));
    Socket slow = connect();
    send(slow, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n");
    CompletableFuture<String> answer =
        CompletableFuture.supplyAsync(() -> readAll(slow), background);
    long began = System.nanoTime();
    while (!answer.isDone() && System.nanoTime() - began < TimeUnit.SECONDS.toNanos(10)) {
      try {
        send(slow, "b");
      } catch (IOException closed) {
        break;
      }
      Thread.sleep(200);
    }
    String timedOut = answer.get(10, TimeUnit.SECONDS);
    assertThat(timedOut).startsWith("HTTP/1.1 408 ").contains("did not arrive in time");

    // A body that arrives in time is read.
    Socket fine = connect();
    send(fine, "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    assertThat(readAll(fine)).startsWith("HTTP/1.1 200 OK").endsWith("read 3");
  }

  @Test
  void anAnswerThatLeavesTheBodyUnreadClosesTheConnectionAndSaysSo() throws Exception {
    listen(http(null, null, null, 16384, 100, 0));
    String refused =
        readAllOf("POST /refuse HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(refused).startsWith("HTTP/1.1 403 ").containsIgnoringCase("Connection: close");
    String read =
        readAllOf(
            "POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
    assertThat(read).startsWith("HTTP/1.1 200 ").endsWith("read 5");
  }

  @Test
  void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeoutWithoutAnAnswer() throws Exception {
    listen(http("10s", null, "1s", 16384, 100, 0));
    Socket idle = connect();
    long began = System.nanoTime();
    assertThat(readAll(idle)).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)).isBetween(500L, 6000L);
  }

  @Test
  void beyondTheCapInAllAConnectionWaitsUntilAnotherCloses() throws Exception {
    listen(http(null, null, null, 16384, 3, 0));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Socket socket = connect();
      send(socket, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readStatusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
      held.add(socket); // kept alive: the port has its 3 connections
    }
    CompletableFuture<String> fourth =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
              } catch (IOException e) {
                return e.toString();
              }
            },
            background);
    Thread.sleep(1500); // what is asserted is that nothing happens in this time
    assertThat(fourth).as("the fourth connection is not served while three are open").isNotDone();
    held.get(0).close();
    assertThat(fourth.get(10, TimeUnit.SECONDS)).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void beyondItsOwnCapAClientIsAnswered429AndServedAgainOnceItClosesOne() throws Exception {
    listen(http(null, null, null, 16384, 100, 2));
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket socket = connect();
      send(socket, "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(readStatusLine(socket)).isEqualTo("HTTP/1.1 200 OK");
      held.add(socket);
    }
    String third = readAllOf("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    assertThat(third).startsWith("HTTP/1.1 429 Too Many Requests");
    assertThat(third).containsIgnoringCase("Retry-After: 1").contains("too many connections");
    held.get(0).close();
    awaitServed();
  }

  /** Once the server saw the closed connection go, a new one is served. */
  private void awaitServed() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String status;
    do {
      status = statusLine("GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");

    } while (!status.equals("HTTP/1.1 200 OK") && System.nanoTime() < deadline);
    assertThat(status).isEqualTo("HTTP/1.1 200 OK");
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port.port()), 5000);
    socket.setSoTimeout(15_000);
    sockets.add(socket);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /**
   * The status line answering {@code request}, sent on a connection of its own, closed after (as a
   * client does; the server counts a connection until both sides closed it).
   */
  private String statusLine(String request) throws IOException {
    try (Socket socket = connect()) {
      send(socket, request);
      return readStatusLine(socket);
    }
  }

  private String readAllOf(String request) throws IOException {
    try (Socket socket = connect()) {
      send(socket, request);
      return readAll(socket);
    }
  }

  private static String readStatusLine(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    String status = line.toString(StandardCharsets.ISO_8859_1);
    // The rest of this answer, so a kept-alive connection is ready for the next.
    int blank = 0;
    while (blank < 2 && (b = in.read()) >= 0) {
      blank = b == '\n' ? blank + 1 : (b == '\r' ? blank : 0);
    }
    return status;
  }

  /** Everything the server sends until it closes the connection. */
  private static String readAll(Socket socket) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection", e);
    } catch (IOException e) {
      // reset by the server after its answer: closed too
    }
    return all.toString(StandardCharsets.ISO_8859_1);
  }
}

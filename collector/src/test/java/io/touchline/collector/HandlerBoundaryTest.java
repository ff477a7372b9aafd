package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failure injected in a filter or a handler, an Error included, is answered and survived. */
class HandlerBoundaryTest {

  private final ExecutorService threads = Executors.newFixedThreadPool(1);
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    threads.shutdownNow();
  }

  @Test
  void anErrorInAFilterOrHandlerIsA500WithARequestIdAndTheServerKeepsServing() throws Exception {
    Filter failingFilter =
        new Filter() {
          @Override
          public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
            if (exchange.getRequestURI().getPath().equals("/filter-error")) {
              throw new StackOverflowError();
            }
            chain.doFilter(exchange);
          }

          @Override
          public String description() {
            return "fails on /filter-error";
          }
        };
    server =
        HttpListeners.listen(
            "127.0.0.1",
            "api.port",
            0,
            null,
            exchange -> {
              String path = exchange.getRequestURI().getPath();
              if (path.equals("/handler-error")) {
                throw new OutOfMemoryError("injected");
              }
              if (path.equals("/handler-exception")) {
                throw new IllegalStateException("injected");
              }
              byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, ok.length);
              exchange.getResponseBody().write(ok);
              exchange.close();
            },
            new RequestGate(),
            threads,
            failingFilter,
            0);
    server.start();

    for (String path : new String[] {"/filter-error", "/handler-error", "/handler-exception"}) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> failed = get(path);
        assertThat(failed.statusCode()).as(path).isEqualTo(500);
        String id = failed.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).matches("[0-9a-f]{12}");
        assertThat(failed.body()).contains("internal error (request " + id + ")");
        assertThat(failed.body()).doesNotContain("injected");

        HttpResponse<String> next = get("/fine");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).isEqualTo("ok");
      }
    }
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(HttpListeners.url("127.0.0.1", server) + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

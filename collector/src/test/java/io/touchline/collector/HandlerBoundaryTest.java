package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.config.CollectorConfig;
import io.touchline.collector.http.ExchangeFilter;
import io.touchline.collector.http.HttpPort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A failure injected in a filter or a handler, an Error included, is answered and survived. */
class HandlerBoundaryTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private HttpPort server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anErrorInAFilterOrHandlerIsA500WithARequestIdAndTheServerKeepsServing() throws Exception {
    ExchangeFilter failingFilter =
        (exchange, next) -> {
          if (exchange.path().equals("/filter-error")) {
            throw new StackOverflowError();
          }
          next.handle(exchange);
        };
    server =
        HttpListeners.listen(
            "api",
            "127.0.0.1",
            "api.port",
            0,
            null,
            CollectorConfig.Http.defaults(),
            exchange -> {
              String path = exchange.path();
              if (path.equals("/handler-error")) {
                throw new OutOfMemoryError("injected");
              }
              if (path.equals("/handler-exception")) {
                throw new IllegalStateException("injected");
              }
              exchange.send(200, "ok".getBytes(StandardCharsets.UTF_8));
            },
            new RequestGate(),
            failingFilter,
            0,
            Thread::new);

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

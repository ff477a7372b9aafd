package io.touchline.collector.web;

import static io.touchline.collector.config.Scope.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.http.HttpPort;
import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.metrics.CollectorMetrics;
import io.touchline.collector.testing.TestPorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Error in a route's handler, on the JDK's server: answered with a 500 and a request id, and the
 * server answers the next request.
 */
class ApiHandlerFailureTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private HttpPort server;

  @BeforeEach
  void start() throws Exception {
    RouteTable routes =
        new RouteTable(
            List.of(
                Route.get("/api/deep", READ, (Route.Answer) request -> recurse(0)),
                Route.get(
                    "/api/assert",
                    READ,
                    (Route.Answer)
                        request -> {
                          throw new AssertionError("a broken invariant");
                        }),
                Route.get("/api/fine", READ, (Route.Answer) request -> Map.of("ok", true))));
    // The handler alone, no boundary in front of it: it must answer its routes' Errors itself.
    server =
        TestPorts.open(
            new ApiHandler(
                routes, new CollectorMetrics(new IngestCounters(), () -> 0, () -> 0), null));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static Object recurse(int depth) {
    return depth < 0 ? null : recurse(depth + 1); // a StackOverflowError, as a real bug makes it
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(TestPorts.url(server) + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void anErrorIsA500WithARequestIdAndTheServerKeepsAnswering() throws Exception {
    for (String path : List.of("/api/deep", "/api/assert", "/api/deep")) {
      HttpResponse<String> failed = get(path);
      assertThat(failed.statusCode()).as(path).isEqualTo(500);
      assertThat(failed.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      assertThat(failed.body())
          .as(path)
          .matches("\\{\"error\":\"internal error \\(request [0-9a-f]{12}\\)\"\\}");
    }

    HttpResponse<String> next = get("/api/fine");
    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(next.body()).isEqualTo("{\"ok\":true}");
  }
}

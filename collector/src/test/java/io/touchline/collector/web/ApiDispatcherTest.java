package io.touchline.collector.web;

import static io.touchline.collector.config.Scope.READ;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.config.Caller;
import io.touchline.collector.config.Scope;
import io.touchline.collector.ingest.IngestCounters;
import io.touchline.collector.metrics.CollectorMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The answers the route table gives without a route's handler, on a response kept in memory: no
 * server.
 */
class ApiDispatcherTest {

  private final CollectorMetrics metrics =
      new CollectorMetrics(new IngestCounters(), () -> 0, () -> 0);
  private final ApiDispatcher dispatcher = new ApiDispatcher(RouteTableTest.API, metrics);

  @Test
  void anUnknownPathIsA404NamingIt() throws IOException {
    RecordedResponse response = dispatch("POST", "/api/nothing", "a=1");
    assertThat(response.status).isEqualTo(404);
    assertThat(response.headers).containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(response.text())
        .isEqualTo("{\"error\":\"no such endpoint: /api/nothing (see docs/api.md)\"}");
    assertThat(response.closed).isTrue();
    assertThat(scrape())
        .contains("touchline_api_request_seconds_count{route=\"other\",status=\"404\"} 1");
  }

  @Test
  void aTokenWithoutTheRoutesScopeIsA403NamingTheScope() throws IOException {
    Caller analysts = new Caller("analysts", Set.of(Scope.READ));
    RecordedResponse erase = new RecordedResponse();
    dispatcher.dispatch("DELETE", "/api/profiles", "key=email:a@example.com", analysts, erase);
    assertThat(erase.status).isEqualTo(403);
    assertThat(erase.text())
        .isEqualTo(
            "{\"error\":\"the token 'analysts' does not have the erase scope, which this"
                + " needs\"}");
    assertThat(erase.headers)
        .containsEntry(
            "WWW-Authenticate",
            "Bearer realm=\"touchline\", error=\"insufficient_scope\", scope=\"erase\"");
    assertThat(scrape())
        .contains("touchline_api_request_seconds_count{route=\"/api/profiles\",status=\"403\"} 1");

    RecordedResponse unidentified = new RecordedResponse();
    dispatcher.dispatch("GET", "/api/stats", null, Caller.UNIDENTIFIED, unidentified);
    assertThat(unidentified.status).isEqualTo(401);
    assertThat(unidentified.headers)
        .containsEntry("WWW-Authenticate", "Bearer realm=\"touchline\"");

    RecordedResponse open = new RecordedResponse();
    dispatcher.dispatch("GET", "/funnels", null, Caller.UNIDENTIFIED, open);
    assertThat(open.status).as("the UI's files need no token").isEqualTo(200);
  }

  @Test
  void aKnownPathWithAnotherMethodIsA405WithAllow() throws IOException {
    RecordedResponse response = dispatch("PUT", "/api/profiles", null);
    assertThat(response.status).isEqualTo(405);
    assertThat(response.headers).containsEntry("Allow", "GET, DELETE");
    assertThat(response.text())
        .isEqualTo("{\"error\":\"PUT is not allowed on /api/profiles; use GET or DELETE\"}");
    assertThat(scrape())
        .contains("touchline_api_request_seconds_count{route=\"/api/profiles\",status=\"405\"} 1");
  }

  @Test
  void aHandlersRefusalIsAnErrorWithItsStatus() throws IOException {
    RecordedResponse notReady = dispatch("GET", "/api/health", null);
    assertThat(notReady.status).isEqualTo(503);
    assertThat(notReady.text()).isEqualTo("{\"error\":\"not ready\"}");

    RecordedResponse badFormat = dispatch("GET", "/api/health", "format=xml");
    assertThat(badFormat.status).isEqualTo(400);
    assertThat(badFormat.text()).isEqualTo("{\"error\":\"format must be json or csv, not 'xml'\"}");

    RecordedResponse malformed = dispatch("GET", "/api/health", "key=%zz");
    assertThat(malformed.status).isEqualTo(400);
    assertThat(malformed.text()).startsWith("{\"error\":\"malformed query parameter 'key=%zz'");
  }

  @Test
  void theUiIgnoresTheQueryAndAnswersItsOwnNotFound() throws IOException {
    RecordedResponse page = dispatch("GET", "/funnels", "step=%zz");
    assertThat(page.status).isEqualTo(200);
    assertThat(page.headers).containsEntry("Content-Type", "text/html; charset=utf-8");

    RecordedResponse escape = dispatch("GET", "/assets/../pom.xml", null);
    assertThat(escape.status).isEqualTo(404);
    assertThat(escape.text()).isEqualTo("no such asset: /assets/../pom.xml");
    assertThat(scrape())
        .contains("touchline_api_request_seconds_count{route=\"other\",status=\"200\"} 1");
  }

  @Test
  void anErrorInAHandlerIsA500WithARequestIdAndTheNextRequestIsAnswered() throws IOException {
    ApiDispatcher failing =
        new ApiDispatcher(
            new RouteTable(
                List.of(
                    Route.get(
                        "/overflow",
                        READ,
                        (Route.Answer)
                            request -> {
                              throw new StackOverflowError();
                            }),
                    Route.get(
                        "/memory",
                        READ,
                        (Route.Answer)
                            request -> {
                              throw new OutOfMemoryError("Java heap space");
                            }),
                    Route.get(
                        "/assert",
                        READ,
                        (Route.Write)
                            (request, response) -> {
                              throw new AssertionError("a broken invariant");
                            }),
                    Route.get("/fine", READ, (Route.Answer) request -> Map.of("ok", true)))),
            metrics);

    for (String path : List.of("/overflow", "/memory", "/assert")) {
      RecordedResponse response = new RecordedResponse();
      failing.dispatch("GET", path, null, Caller.ANONYMOUS, response);
      assertThat(response.status).as(path).isEqualTo(500);
      assertThat(response.text())
          .as(path)
          .matches("\\{\"error\":\"internal error \\(request [0-9a-f]{12}\\)\"\\}");
      assertThat(response.closed).isTrue();
    }
    RecordedResponse next = new RecordedResponse();
    failing.dispatch("GET", "/fine", null, Caller.ANONYMOUS, next);
    assertThat(next.status).isEqualTo(200);
    assertThat(next.text()).isEqualTo("{\"ok\":true}");
    assertThat(scrape())
        .contains("touchline_api_request_seconds_count{route=\"/overflow\",status=\"500\"} 1")
        .contains("touchline_api_request_seconds_count{route=\"/memory\",status=\"500\"} 1")
        .contains("touchline_api_request_seconds_count{route=\"/assert\",status=\"500\"} 1");
  }

  @Test
  void anExceptionInAHandlerKeepsItsMessageBesideTheRequestId() throws IOException {
    ApiDispatcher failing =
        new ApiDispatcher(
            new RouteTable(
                List.of(
                    Route.get(
                        "/db",
                        READ,
                        (Route.Answer)
                            request -> {
                              throw new IllegalStateException("the database is closed");
                            }))),
            metrics);
    RecordedResponse response = new RecordedResponse();
    failing.dispatch("GET", "/db", null, Caller.ANONYMOUS, response);
    assertThat(response.status).isEqualTo(500);
    assertThat(response.text())
        .matches(
            "\\{\"error\":\"internal error \\(request [0-9a-f]{12}\\): the database is"
                + " closed\"\\}");
  }

  private RecordedResponse dispatch(String method, String path, String rawQuery)
      throws IOException {
    RecordedResponse response = new RecordedResponse();
    dispatcher.dispatch(method, path, rawQuery, Caller.ANONYMOUS, response);
    return response;
  }

  private String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    metrics.writeTo(out);
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A response kept in memory. */
  private static final class RecordedResponse implements ApiResponse {
    final Map<String, String> headers = new LinkedHashMap<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    int status;
    boolean closed;

    @Override
    public void header(String name, String value) {
      headers.put(name, value);
    }

    @Override
    public void send(int status, byte[] bytes) {
      this.status = status;
      body.writeBytes(bytes);
    }

    @Override
    public OutputStream stream(int status) {
      this.status = status;
      return body;
    }

    @Override
    public int status() {
      return status;
    }

    @Override
    public void close() {
      closed = true;
    }

    String text() {
      return body.toString(StandardCharsets.UTF_8);
    }
  }
}

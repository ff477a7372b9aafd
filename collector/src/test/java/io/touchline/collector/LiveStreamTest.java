package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/live}: touchpoints as server-sent events the moment they are stored. */
class LiveStreamTest {

  @TempDir Path data;
  private Collector collector;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<InputStream> open = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (InputStream stream : open) {
      stream.close();
    }
    if (collector != null) {
      collector.close();
    }
  }

  private HttpResponse<InputStream> openStream(String query) throws Exception {
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + "/api/live" + query)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    open.add(response.body());
    return response;
  }

  /** The next event's data line of that type, read within 10 s. */
  private static String nextEvent(BufferedReader lines, String type) throws Exception {
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                boolean typed = false;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                  if (line.equals("event: " + type)) {
                    typed = true;
                  } else if (typed && line.startsWith("data: ")) {
                    return line.substring("data: ".length());
                  }
                }
                return null;
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .get(10, TimeUnit.SECONDS);
  }

  @Test
  void aWatcherSeesTheTouchpointsItsFilterKeepsAsTheyAreStored() throws Exception {
    collector = TestCollectors.start(data);
    HttpResponse<InputStream> stream = openStream("?channel=call-center");
    assertThat(stream.statusCode()).isEqualTo(200);
    assertThat(stream.headers().firstValue("Content-Type"))
        .hasValue("text/event-stream; charset=utf-8");
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));

    OtlpSpans spans = new OtlpSpans();
    CollectorHttp.export(
        collector,
        "web-shop",
        spans
            .span(
                "cart.add",
                OtlpSpans.attribute("touchline.touchpoint", "cart.add"),
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
            .build());
    CollectorHttp.export(
        collector,
        "call-center",
        spans
            .span(
                "call.started",
                OtlpSpans.attribute("touchline.touchpoint", "call.started"),
                OtlpSpans.attribute("touchline.channel", "call-center"),
                OtlpSpans.attribute("touchline.key.customer_id", "C-1"))
            .build());

    String event = nextEvent(lines, "touchpoint");
    assertThat(CollectorHttp.JSON_READER.readTree(event).get("touchpoint").asText())
        .as("the web touchpoint came first and was filtered out")
        .isEqualTo("call.started");
    assertThat(CollectorHttp.JSON_READER.readTree(event).get("keys").get("customer_id").asText())
        .isEqualTo("C-1");
  }

  @Test
  void aStreamBeyondTheLimitIsRefusedAndStreamsDoNotTakeTheApisThreads() throws Exception {
    collector = TestCollectors.start(data);
    for (int i = 0; i < 16; i++) {
      assertThat(openStream("").statusCode()).isEqualTo(200);
    }
    HttpResponse<String> refused =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + "/api/live")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).contains("at most 16 live streams");
    // With sixteen streams open the API still answers at once.
    HttpResponse<String> stats =
        http.send(
            HttpRequest.newBuilder(URI.create(collector.apiUrl() + "/api/stats"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(stats.statusCode()).isEqualTo(200);
  }
}

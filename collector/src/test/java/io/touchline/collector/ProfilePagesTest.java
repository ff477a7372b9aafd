package io.touchline.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.trace.v1.Span;
import io.touchline.collector.testing.CollectorHttp;
import io.touchline.collector.testing.OtlpSpans;
import io.touchline.collector.testing.TestCollectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A profile's timeline in pages: every touchpoint once, in order, whatever the page size. */
class ProfilePagesTest {

  @TempDir Path data;
  private Collector collector;

  @AfterEach
  void stop() {
    collector.close();
  }

  private JsonNode get(String path, int status) throws Exception {
    return CollectorHttp.get(collector, path, status);
  }

  @Test
  void pagesCoverTheTimelineOnceInOrder() throws Exception {
    collector = TestCollectors.start(data);
    OtlpSpans spans = new OtlpSpans();
    List<Span> sent = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Two touchpoints share each time, so the order falls back to trace and span ids.
      sent.add(
          spans
              .span("visit", OtlpSpans.attribute("touchline.key.session", "s-1"))
              .setStartTimeUnixNano(OtlpSpans.START_NANOS + (i / 2) * 1_000L)
              .build());
    }
    CollectorHttp.export(collector, "shop", sent.toArray(Span[]::new));

    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          get(
              "/api/profiles?key=session:s-1&limit=10"
                  + (cursor == null ? "" : "&cursor=" + cursor),
              200);
      assertThat(page.get("touchpointCount").asLong()).isEqualTo(25);
      assertThat(page.get("keys")).hasSize(1);
      page.get("touchpoints")
          .forEach(t -> seen.add(t.get("time").asText() + "/" + t.get("traceId").asText()));
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
      pages++;
    } while (cursor != null);

    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(25).doesNotHaveDuplicates().isSorted();
    JsonNode whole = get("/api/profiles?key=session:s-1", 200);
    assertThat(whole.get("touchpoints")).hasSize(25);
    assertThat(whole.has("nextCursor")).isFalse();
    assertThat(whole.get("touchpoints").get(0).get("time").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z");
  }

  @Test
  void badPageParametersAreExplained() throws Exception {
    collector = TestCollectors.start(data);
    assertThat(get("/api/profiles?key=session:s-1&limit=0", 400).get("error").asText())
        .isEqualTo("limit must be a whole number from 1 to 1000, was '0'");
    assertThat(get("/api/profiles?key=session:s-1&limit=many", 400).get("error").asText())
        .contains("limit must be");
    assertThat(get("/api/profiles?key=session:s-1&cursor=nonsense", 400).get("error").asText())
        .isEqualTo("cursor: 'nonsense' is not a cursor from a previous answer");
  }
}

package io.touchline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.touchline.bench.journeys.JourneyHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpooledRequestsTest {

  @TempDir Path tmp;

  @Test
  void readsBackEveryRequestAsEncodedInAnyOrderAndDeletesItsFile() throws Exception {
    JourneyHistory history =
        JourneyHistory.builder()
            .customers(40)
            .seed(2)
            .from(Instant.parse("2026-09-01T00:00:00Z"))
            .maxTouchpoints(3_000)
            .batchSize(200)
            .build();
    List<ExportTraceServiceRequest> expected = new ArrayList<>();
    history.requests().forEachRemaining(expected::add);
    Path file;
    try (SpooledRequests spooled = SpooledRequests.spool(history.requests(), tmp)) {
      file = spooled.file();
      assertThat(spooled.requests()).isEqualTo(expected.size());
      assertThat(spooled.touchpoints()).isBetween(3_000L, 3_001L);
      for (int i = expected.size() - 1; i >= 0; i--) {
        assertThat(spooled.body(i)).isEqualTo(expected.get(i).toByteArray());
        assertThat(spooled.spans(i))
            .isEqualTo(expected.get(i).getResourceSpans(0).getScopeSpans(0).getSpansCount());
      }
    }
    assertThat(Files.exists(file)).isFalse();
  }
}

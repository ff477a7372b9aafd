package io.touchline.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What /api/health says when a listener of the store's commits fell behind. */
class HealthReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void oneListenerBehindMakesTheCollectorDegradedAndSaysWhich() throws Exception {
    HealthReport report =
        HealthReport.of(
            List.of(
                new HealthReport.Listener("views' columns", "ok", 0, null, null),
                new HealthReport.Listener(
                    "profile index",
                    "failed",
                    2,
                    "java.lang.IllegalStateException: store unreadable",
                    "2026-12-07T18:40:00Z")));

    assertThat(report.status()).isEqualTo("degraded");
    assertThat(JSON.writeValueAsString(report))
        .isEqualTo(
            "{\"status\":\"degraded\",\"listeners\":["
                + "{\"name\":\"views' columns\",\"state\":\"ok\",\"failures\":0},"
                + "{\"name\":\"profile index\",\"state\":\"failed\",\"failures\":2,"
                + "\"lastFailure\":\"java.lang.IllegalStateException: store unreadable\","
                + "\"lastFailureAt\":\"2026-12-07T18:40:00Z\"}]}");
  }

  @Test
  void everyListenerUpToDateIsOk() {
    assertThat(
            HealthReport.of(
                    List.of(
                        new HealthReport.Listener(
                            "live feed", "ok", 1, "x", "2026-12-07T18:40:00Z")))
                .status())
        .as("a listener that failed once and was rebuilt")
        .isEqualTo("ok");
  }
}

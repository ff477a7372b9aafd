package io.touchline.collector.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What /api/health says when the store fails to write or a listener of its commits fell behind. */
class HealthReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HealthReport.Storage STORE_WRITES =
      new HealthReport.Storage("ok", 0, 0, null, null, null);

  @Test
  void oneListenerBehindMakesTheCollectorDegradedAndSaysWhich() throws Exception {
    HealthReport report =
        HealthReport.of(
            STORE_WRITES,
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
            "{\"status\":\"degraded\",\"storage\":{\"state\":\"ok\",\"failures\":0,\"reopens\":0},"
                + "\"listeners\":["
                + "{\"name\":\"views' columns\",\"state\":\"ok\",\"failures\":0},"
                + "{\"name\":\"profile index\",\"state\":\"failed\",\"failures\":2,"
                + "\"lastFailure\":\"java.lang.IllegalStateException: store unreadable\","
                + "\"lastFailureAt\":\"2026-12-07T18:40:00Z\"}]}");
  }

  @Test
  void everyListenerUpToDateIsOk() {
    assertThat(
            HealthReport.of(
                    STORE_WRITES,
                    List.of(
                        new HealthReport.Listener(
                            "live feed", "ok", 1, "x", "2026-12-07T18:40:00Z")))
                .status())
        .as("a listener that failed once and was rebuilt")
        .isEqualTo("ok");
  }

  @Test
  void aStoreThatFailsToWriteMakesTheCollectorDegradedAndSaysWhy() throws Exception {
    HealthReport report =
        HealthReport.of(
            new HealthReport.Storage(
                "failing",
                3,
                1,
                "Could not write file \"touchline.duckdb.wal\": File too large",
                "2026-12-07T18:40:02Z",
                "2026-12-07T18:40:00Z"),
            List.of(new HealthReport.Listener("live feed", "ok", 0, null, null)));

    assertThat(report.status()).isEqualTo("degraded");
    assertThat(JSON.writeValueAsString(report))
        .isEqualTo(
            "{\"status\":\"degraded\",\"storage\":{\"state\":\"failing\",\"failures\":3,\"reopens\":1,"
                + "\"lastFailure\":\"Could not write file \\\"touchline.duckdb.wal\\\": File too"
                + " large\",\"lastFailureAt\":\"2026-12-07T18:40:02Z\","
                + "\"failingSince\":\"2026-12-07T18:40:00Z\"},"
                + "\"listeners\":[{\"name\":\"live feed\",\"state\":\"ok\",\"failures\":0}]}");
  }

  @Test
  void aStoreThatFailedOnceAndWritesAgainIsOk() {
    assertThat(
            HealthReport.of(
                    new HealthReport.Storage(
                        "ok", 3, 0, "File too large", "2026-12-07T18:40:02Z", null),
                    List.of())
                .status())
        .isEqualTo("ok");
  }

  @Test
  void withoutFailureTextsKeepsStatesCountsAndTimesAndDropsWhatTheFailuresSaid() throws Exception {
    HealthReport report =
        HealthReport.of(
            new HealthReport.Storage(
                "failing",
                3,
                1,
                "java.sql.SQLException: /var/lib/touchline/touchline.duckdb.wal: File too large",
                "2026-12-07T18:41:00Z",
                "2026-12-07T18:40:00Z"),
            List.of(
                new HealthReport.Listener(
                    "profile index",
                    "failed",
                    2,
                    "IllegalStateException: x",
                    "2026-12-07T18:40:00Z")));

    String redacted = JSON.writeValueAsString(report.withoutFailureTexts());

    assertThat(redacted)
        .isEqualTo(
            "{\"status\":\"degraded\",\"storage\":{\"state\":\"failing\",\"failures\":3,"
                + "\"reopens\":1,\"lastFailureAt\":\"2026-12-07T18:41:00Z\","
                + "\"failingSince\":\"2026-12-07T18:40:00Z\"},\"listeners\":["
                + "{\"name\":\"profile index\",\"state\":\"failed\",\"failures\":2,"
                + "\"lastFailureAt\":\"2026-12-07T18:40:00Z\"}]}");
  }
}

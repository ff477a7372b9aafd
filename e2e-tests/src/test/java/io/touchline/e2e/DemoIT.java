package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.touchline.bench.journeys.JourneyHistory;
import io.touchline.bench.journeys.SpanShape;
import io.touchline.bench.journeys.SpanShapes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo with a small population: the collector, the four channel apps each with the agent
 * and its own config, the simulator over their HTTP interfaces. What the simulator drove must
 * arrive in the collector, channel by channel, and the accuracy tool must score it: no profile
 * mixing two people, and hardly any customer split. The agents export through a tap that keeps a
 * copy of their requests: the journey generator (benchmarks) must write spans of exactly their
 * shapes, so that the history it generates and the real demo cannot drift apart.
 */
class DemoIT {

  @TempDir Path tmp;
  private DemoEnvironment demo;
  private OtlpTap tap;
  private Path logDir;

  @BeforeEach
  void logDirectory(TestInfo test) {
    logDir = DemoEnvironment.logDirectory("demo");
    demo = new DemoEnvironment(tmp, logDir);
  }

  @AfterEach
  void stopAll() throws Exception {
    demo.close();
    if (tap != null) {
      tap.close();
    }
    for (JvmProcess jvm : demo.agentJvms()) {
      assertThat(jvm.stderr())
          .as("the agent wove every configured class and checked every path")
          .doesNotContain("could not instrument")
          .doesNotContain("skipped for");
    }
  }

  @Test
  void whatTheSimulatorDroveArrivesChannelByChannelAndIsScored() throws Exception {
    assertThat(demo.writePopulation(60, 1)).isZero();
    demo.startCollector();
    String api = demo.api();
    tap = OtlpTap.forwardingTo(demo.otlp());
    demo.startApps(tap.url());

    int simulated = demo.simulate(1);
    assertThat(simulated).as("the simulator met no error").isZero();
    JsonNode summary = demo.summary();
    long expected = summary.get("touchpointsExpected").asLong();
    assertThat(expected).isGreaterThan(200);

    HttpJson collectorApi = new HttpJson(api);
    demo.awaitStoredTouchpoints(expected);
    summary
        .get("touchpointsPerChannel")
        .fields()
        .forEachRemaining(
            channel -> {
              try {
                assertThat(countTouchpoints(collectorApi, channel.getKey()))
                    .as("touchpoints of channel " + channel.getKey())
                    .isEqualTo(channel.getValue().asLong());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    assertThat(summary.get("touchpointsPerChannel").size()).isEqualTo(4);

    Path accuracy = tmp.resolve("accuracy.json");
    assertThat(
            demo.run(
                "accuracy",
                List.of(
                    "-jar",
                    DemoEnvironment.appJar("simulator"),
                    "accuracy",
                    "--api",
                    api,
                    "--truth",
                    demo.data().resolve("truth.jsonl").toString(),
                    "--out",
                    accuracy.toString())))
        .isZero();
    Files.copy(
        accuracy,
        logDir.resolve("accuracy.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode scored = HttpJson.JSON.readTree(accuracy.toFile());
    assertThat(scored.get("storedWithoutTruth").asLong())
        .as("every stored touchpoint joins the truth by demo.interaction")
        .isZero();
    assertThat(scored.get("storedPerChannel")).isEqualTo(scored.get("expectedPerChannel"));
    JsonNode figures = scored.get("accuracy");
    assertThat(figures.get("touchpoints").asLong()).isEqualTo(expected);
    assertThat(figures.get("unattributed").asLong())
        .as("every demo touchpoint carries a key")
        .isZero();
    // The identity rules' bar (docs/identity.md): never two people in one profile, and at most a
    // few pairs of one customer's touchpoints apart; shared-key touchpoints count as ambiguous.
    assertThat(figures.get("precision").asDouble()).as("precision").isEqualTo(1.0);
    assertThat(figures.get("recall").asDouble()).as("recall").isGreaterThanOrEqualTo(0.98);
    assertThat(figures.get("coverage").asDouble()).as("coverage").isGreaterThan(0.9);

    theGeneratorWritesSpansShapedAsTheAgentsExportThem(expected);
  }

  /**
   * The same set of shapes (per service, touchpoint and outcome: resource, scope, kind, key types,
   * attribute names and types, status, events) in what the agents exported and in a generated
   * history of the same population's seed.
   */
  private void theGeneratorWritesSpansShapedAsTheAgentsExportThem(long expected) {
    List<ExportTraceServiceRequest> exported = tap.requests();
    assertThat(
            exported.stream()
                .flatMap(r -> r.getResourceSpansList().stream())
                .flatMap(r -> r.getScopeSpansList().stream())
                .mapToLong(ScopeSpans::getSpansCount)
                .sum())
        .as("the tap saw every touchpoint the collector stored")
        .isEqualTo(expected);
    JourneyHistory history =
        JourneyHistory.builder()
            .customers(500)
            .seed(1)
            .endingAt(Instant.parse("2026-12-01T00:00:00Z"), Duration.ofDays(90))
            .build();
    SortedSet<SpanShape> agents = SpanShapes.of(exported);
    assertThat(SpanShapes.differences(agents, SpanShapes.of(history.requests())))
        .as("how the generator's spans differ from the agents' (agents: %s shapes)", agents.size())
        .isEmpty();
  }

  private static long countTouchpoints(HttpJson api, String channel) throws Exception {
    long count = 0;
    String cursor = null;
    do {
      JsonNode page =
          api.get(
                  "/api/touchpoints?channel="
                      + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                      + (cursor == null ? "" : "&cursor=" + cursor))
              .body();
      count += page.get("touchpoints").size();
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }
}

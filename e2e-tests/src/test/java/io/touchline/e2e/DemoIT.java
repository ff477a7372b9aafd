package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo with a small population: the collector, the four channel apps each with the agent
 * and its own config, the simulator over their HTTP interfaces. What the simulator drove must
 * arrive in the collector, channel by channel, and the accuracy tool must score it: no profile
 * mixing two people, and hardly any customer split.
 */
class DemoIT {

  @TempDir Path tmp;
  private DemoEnvironment demo;
  private Path logDir;

  @BeforeEach
  void logDirectory(TestInfo test) {
    logDir = DemoEnvironment.logDirectory("demo");
    demo = new DemoEnvironment(tmp, logDir);
  }

  @AfterEach
  void stopAll() throws Exception {
    demo.close();
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
    demo.startApps();

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

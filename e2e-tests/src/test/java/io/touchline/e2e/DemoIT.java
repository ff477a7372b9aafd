package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole demo with a small population: the collector, the four channel apps each with the
 * agent and its own config, the simulator over their HTTP interfaces. What the simulator drove
 * must arrive in the collector, channel by channel, and the accuracy tool must score it: no
 * profile mixing two people, and hardly any customer split.
 */
class DemoIT {

  private static final Pattern COLLECTOR_READY =
      Pattern.compile("touchline collector ready: otlp-http=(http://\\S+) api=(http://\\S+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  /** App module, its agent config, the channel it stands for. */
  private record DemoApp(String module, String config) {}

  private static final List<DemoApp> APPS = List.of(
      new DemoApp("web-shop", "agent.yaml"),
      new DemoApp("call-center", "agent-call-center.yaml"),
      new DemoApp("mobile-backend", "agent-mobile.yaml"),
      new DemoApp("mailer", "agent-mailer.yaml"));

  @TempDir Path tmp;
  private final List<JvmProcess> processes = new ArrayList<>();
  private final List<JvmProcess> agentJvms = new ArrayList<>();
  private Path logDir;

  @BeforeEach
  void logDirectory(TestInfo test) {
    logDir = Paths.get(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("demo");
  }

  @AfterEach
  void stopAll() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
    for (JvmProcess jvm : agentJvms) {
      assertThat(jvm.stderr())
          .as("the agent wove every configured class and checked every path")
          .doesNotContain("could not instrument")
          .doesNotContain("skipped for");
    }
  }

  @Test
  void whatTheSimulatorDroveArrivesChannelByChannelAndIsScored() throws Exception {
    Path data = tmp.resolve("demo-data");
    String simulator = appJar("simulator");
    assertThat(run("population", List.of("-jar", simulator, "population", "--customers", "60", "--seed", "1", "--out", data.toString())))
        .isZero();

    Path config = tmp.resolve("collector.yaml");
    Files.writeString(config, String.join("\n",
        "otlp:", "  grpcPort: 0", "  httpPort: 0", "api:", "  port: 0",
        "storage:", "  path: " + tmp.resolve("collector-data"), "  memoryLimit: 256MB",
        "journeys:", "  inactivityGap: 2s", ""));
    JvmProcess collector = start("collector", Map.of(), List.of("-Xmx384m", "-jar", jar("touchline.collector.jar"), "--config", config.toString()));
    var ready = collector.awaitLine(COLLECTOR_READY, STARTUP);
    String otlp = ready.group(1);
    String api = ready.group(2);

    Map<String, String> urls = new LinkedHashMap<>();
    for (DemoApp app : APPS) {
      List<String> args = new ArrayList<>(List.of(
          "-Xmx96m",
          "-javaagent:" + jar("touchline.agent.jar") + "=config=" + Paths.get(System.getProperty("touchline.config.dir"), app.config()),
          "-jar", appJar(app.module()), "--port", "0", "--data", data.toString()));
      if (app.module().equals("mailer")) {
        args.addAll(List.of("--shop", urls.get("web-shop")));
      }
      JvmProcess process = start(app.module(), Map.of("TOUCHLINE_EXPORTER_OTLP_ENDPOINT", otlp), args);
      agentJvms.add(process);
      urls.put(app.module(), process.awaitLine(Pattern.compile(app.module() + " listening on (http://\\S+)"), STARTUP).group(1));
    }

    int simulated = run("simulator", List.of("-jar", simulator, "run", "--data", data.toString(), "--seed", "1",
        "--duration", "3s", "--visit-gap", "3s", "--rate", "500",
        "--shop", urls.get("web-shop"), "--call-center", urls.get("call-center"),
        "--mobile", urls.get("mobile-backend"), "--mailer", urls.get("mailer")));
    assertThat(simulated).as("the simulator met no error").isZero();
    JsonNode summary = HttpJson.JSON.readTree(data.resolve("summary.json").toFile());
    long expected = summary.get("touchpointsExpected").asLong();
    assertThat(expected).isGreaterThan(200);

    HttpJson collectorApi = new HttpJson(api);
    awaitStoredTouchpoints(collectorApi, expected);
    summary.get("touchpointsPerChannel").fields().forEachRemaining(channel -> {
      try {
        assertThat(countTouchpoints(collectorApi, channel.getKey())).as("touchpoints of channel " + channel.getKey())
            .isEqualTo(channel.getValue().asLong());
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
    assertThat(summary.get("touchpointsPerChannel").size()).isEqualTo(4);

    Path accuracy = tmp.resolve("accuracy.json");
    assertThat(run("accuracy", List.of("-jar", simulator, "accuracy", "--api", api, "--truth", data.resolve("truth.jsonl").toString(),
        "--out", accuracy.toString()))).isZero();
    Files.copy(accuracy, logDir.resolve("accuracy.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    JsonNode scored = HttpJson.JSON.readTree(accuracy.toFile());
    assertThat(scored.get("storedWithoutTruth").asLong()).as("every stored touchpoint joins the truth by demo.interaction").isZero();
    assertThat(scored.get("storedPerChannel")).isEqualTo(scored.get("expectedPerChannel"));
    JsonNode figures = scored.get("accuracy");
    assertThat(figures.get("touchpoints").asLong()).isEqualTo(expected);
    assertThat(figures.get("unattributed").asLong()).as("every demo touchpoint carries a key").isZero();
    // The identity rules' bar (docs/identity.md): never two people in one profile, and at most a
    // few pairs of one customer's touchpoints apart; shared-key touchpoints count as ambiguous.
    assertThat(figures.get("precision").asDouble()).as("precision").isEqualTo(1.0);
    assertThat(figures.get("recall").asDouble()).as("recall").isGreaterThanOrEqualTo(0.98);
    assertThat(figures.get("coverage").asDouble()).as("coverage").isGreaterThan(0.9);
  }

  private JvmProcess start(String name, Map<String, String> env, List<String> args) throws Exception {
    JvmProcess process = JvmProcess.start(name, logDir, env, args);
    processes.add(process);
    return process;
  }

  private int run(String name, List<String> args) throws Exception {
    JvmProcess process = JvmProcess.start(name, logDir, Map.of(), args);
    try {
      int status = process.awaitExit(Duration.ofMinutes(3));
      if (status != 0) {
        System.err.println(process.output());
      }
      return status;
    } finally {
      process.close();
    }
  }

  /** The agents send in batches: poll until the collector holds what the simulator caused. */
  private static void awaitStoredTouchpoints(HttpJson api, long expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long stored = -1;
    while (System.nanoTime() < deadline) {
      stored = api.get("/api/stats").body().get("touchpoints").asLong();
      if (stored >= expected) {
        assertThat(stored).as("no touchpoint more than the simulator caused").isEqualTo(expected);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the collector holds " + stored + " of " + expected + " touchpoints after 30 s");
  }

  private static long countTouchpoints(HttpJson api, String channel) throws Exception {
    long count = 0;
    String cursor = null;
    do {
      JsonNode page = api.get("/api/touchpoints?channel=" + URLEncoder.encode(channel, StandardCharsets.UTF_8)
          + (cursor == null ? "" : "&cursor=" + cursor)).body();
      count += page.get("touchpoints").size();
      cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }

  private static String appJar(String module) {
    Path jar = Paths.get(System.getProperty("demo.apps.dir"), module, "target", module + ".jar");
    assertThat(jar).as(module + " jar").exists();
    return jar.toString();
  }

  private static String jar(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property " + property).isNotNull();
    assertThat(Paths.get(path)).as(property).exists();
    return path;
  }
}

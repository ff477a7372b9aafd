package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The demo on free ports, as {@code bin/demo --once} runs it: a population written by the
 * simulator, the collector jar, the four channel apps each with the agent and its own config, and
 * the simulator driving them over HTTP. Every step waits on a line the process prints or on the
 * API, never on a fixed sleep. The caller asserts on what each step answers.
 */
public final class DemoEnvironment implements AutoCloseable {

  private static final Pattern COLLECTOR_READY =
      Pattern.compile("touchline collector ready: otlp-http=(http://\\S+) api=(http://\\S+)");
  private static final Duration STARTUP = Duration.ofSeconds(60);

  /** App module and its agent config. */
  private record DemoApp(String module, String config) {}

  private static final List<DemoApp> APPS =
      List.of(
          new DemoApp("web-shop", "agent.yaml"),
          new DemoApp("call-center", "agent-call-center.yaml"),
          new DemoApp("mobile-backend", "agent-mobile.yaml"),
          new DemoApp("mailer", "agent-mailer.yaml"));

  private final Path tmp;
  private final Path logDir;
  private final Path data;
  private final List<JvmProcess> processes = new ArrayList<>();
  private final List<JvmProcess> agentJvms = new ArrayList<>();
  private final Map<String, String> appUrls = new LinkedHashMap<>();
  private String otlp;
  private String api;

  /** A demo whose files go under {@code tmp} and whose process logs go to {@code logDir}. */
  public DemoEnvironment(Path tmp, Path logDir) {
    this.tmp = tmp;
    this.logDir = logDir;
    this.data = tmp.resolve("demo-data");
  }

  /** The log directory under {@code target/e2e-logs} (or the {@code e2e.logs} property). */
  public static Path logDirectory(String name) {
    return Paths.get(System.getProperty("e2e.logs", "target/e2e-logs")).resolve(name);
  }

  /** Writes the population each app reads its customers from; the simulator's exit status. */
  public int writePopulation(int customers, long seed) throws Exception {
    return run(
        "population",
        List.of(
            "-jar",
            appJar("simulator"),
            "population",
            "--customers",
            String.valueOf(customers),
            "--seed",
            String.valueOf(seed),
            "--out",
            data.toString()));
  }

  /**
   * Starts the collector on free ports (journeys cut after 2 s, the simulator's compressed time);
   * {@code extraConfig} lines are appended to its config (e.g. an {@code auth:} section).
   */
  public void startCollector(String... extraConfig) throws Exception {
    Path config = tmp.resolve("collector.yaml");
    List<String> lines =
        new ArrayList<>(
            List.of(
                "otlp:",
                "  grpcPort: 0",
                "  httpPort: 0",
                "api:",
                "  port: 0",
                "storage:",
                "  path: " + tmp.resolve("collector-data"),
                "  memoryLimit: 256MB",
                "journeys:",
                "  inactivityGap: 2s"));
    lines.addAll(List.of(extraConfig));
    lines.add("");
    Files.writeString(config, String.join("\n", lines));
    JvmProcess collector =
        start(
            "collector",
            Map.of(),
            List.of(
                "-Xmx384m", "-jar", jar("touchline.collector.jar"), "--config", config.toString()));
    MatchResult ready = collector.awaitLine(COLLECTOR_READY, STARTUP);
    otlp = ready.group(1);
    api = ready.group(2);
  }

  /** Starts the four channel apps, each with the agent exporting to the collector. */
  public void startApps() throws Exception {
    startApps(otlp);
  }

  /**
   * Starts the four channel apps, each with the agent exporting to {@code exportEndpoint} (an
   * OTLP/HTTP base URL: the collector's, or something standing in front of it).
   */
  public void startApps(String exportEndpoint) throws Exception {
    for (DemoApp app : APPS) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "-Xmx96m",
                  "-javaagent:"
                      + jar("touchline.agent.jar")
                      + "=config="
                      + Paths.get(System.getProperty("touchline.config.dir"), app.config()),
                  "-jar",
                  appJar(app.module()),
                  "--port",
                  "0",
                  "--data",
                  data.toString()));
      if (app.module().equals("mailer")) {
        args.addAll(List.of("--shop", appUrls.get("web-shop")));
      }
      JvmProcess process =
          start(app.module(), Map.of("TOUCHLINE_EXPORTER_OTLP_ENDPOINT", exportEndpoint), args);
      agentJvms.add(process);
      appUrls.put(
          app.module(),
          process
              .awaitLine(Pattern.compile(app.module() + " listening on (http://\\S+)"), STARTUP)
              .group(1));
    }
  }

  /** Plays the population through the apps in about three seconds; the simulator's exit status. */
  public int simulate(long seed) throws Exception {
    return run(
        "simulator",
        List.of(
            "-jar",
            appJar("simulator"),
            "run",
            "--data",
            data.toString(),
            "--seed",
            String.valueOf(seed),
            "--duration",
            "3s",
            "--visit-gap",
            "3s",
            "--rate",
            "500",
            "--shop",
            appUrls.get("web-shop"),
            "--call-center",
            appUrls.get("call-center"),
            "--mobile",
            appUrls.get("mobile-backend"),
            "--mailer",
            appUrls.get("mailer")));
  }

  /** What the simulator says it caused (summary.json). */
  public JsonNode summary() throws Exception {
    return HttpJson.JSON.readTree(data.resolve("summary.json").toFile());
  }

  public Path data() {
    return data;
  }

  public String otlp() {
    return otlp;
  }

  public String api() {
    return api;
  }

  List<JvmProcess> agentJvms() {
    return agentJvms;
  }

  /** The agents send in batches: poll until the collector holds what the simulator caused. */
  public void awaitStoredTouchpoints(long expected) throws Exception {
    HttpJson client = new HttpJson(api);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    long stored = -1;
    while (System.nanoTime() < deadline) {
      stored = client.get("/api/stats").body().get("touchpoints").asLong();
      if (stored >= expected) {
        assertThat(stored).as("no touchpoint more than the simulator caused").isEqualTo(expected);
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the collector holds " + stored + " of " + expected + " touchpoints after 30 s");
  }

  /** Runs a JVM to its end (at most 3 minutes); its exit status, its output printed when not 0. */
  public int run(String name, List<String> args) throws Exception {
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

  private JvmProcess start(String name, Map<String, String> env, List<String> args)
      throws Exception {
    JvmProcess process = JvmProcess.start(name, logDir, env, args);
    processes.add(process);
    return process;
  }

  /** Stops every process it started, the last started first. */
  @Override
  public void close() throws Exception {
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  public static String appJar(String module) {
    Path jar = Paths.get(System.getProperty("demo.apps.dir"), module, "target", module + ".jar");
    assertThat(jar).as(module + " jar").exists();
    return jar.toString();
  }

  public static String jar(String property) {
    String path = System.getProperty(property);
    assertThat(path).as("system property " + property).isNotNull();
    assertThat(Paths.get(path)).as(property).exists();
    return path;
  }
}

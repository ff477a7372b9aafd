package io.touchline.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Measures what an agent adds to one intercepted call, side by side in one run: no agent, the
 * Touchline agent exporting to a live endpoint, the Touchline agent with the collector down, and
 * the OpenTelemetry Java agent's {@code methods.include} exporting to the same live endpoint.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--agent agent/target/touchline-agent.jar]
 *     [--otel benchmarks/target/peers/opentelemetry-javaagent.jar] [--forks 2] [--iterations 5]
 * </pre>
 */
public final class AgentOverhead {

  private AgentOverhead() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path agent =
        Paths.get(options.getOrDefault("agent", "agent/target/touchline-agent.jar"))
            .toAbsolutePath();
    Path otel =
        Paths.get(
                options.getOrDefault("otel", "benchmarks/target/peers/opentelemetry-javaagent.jar"))
            .toAbsolutePath();
    int forks = Integer.parseInt(options.getOrDefault("forks", "1"));
    int iterations = Integer.parseInt(options.getOrDefault("iterations", "5"));
    require(agent);
    require(otel);

    try (OtlpSink sink = new OtlpSink()) {
      Map<String, List<String>> variants = new LinkedHashMap<>();
      variants.put("baseline (no agent)", List.of());
      variants.put("touchline, collector live", touchline(agent, sink.endpoint()));
      variants.put(
          "touchline, collector down", touchline(agent, "http://127.0.0.1:" + closedPort()));
      variants.put(
          "opentelemetry-javaagent 2.31.0 methods.include, live", otel(otel, sink.endpoint()));

      Map<String, Result<?>> results = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
        results.put(variant.getKey(), run(variant.getValue(), forks, iterations));
      }
      report(results);
    }
  }

  private static List<String> touchline(Path agent, String endpoint) throws IOException {
    Path config = Files.createTempFile("touchline-bench", ".yaml");
    config.toFile().deleteOnExit();
    Files.write(
        config,
        String.join(
                "\n",
                "service: bench",
                "channel: web",
                "export:",
                "  endpoint: " + endpoint,
                "log:",
                "  level: warn",
                "touchpoints:",
                "  - name: login",
                "    class: com.acme.bench.Accounts",
                "    method: login",
                "    keys:",
                "      email: args[0]",
                "      session: args[1]",
                "    attributes:",
                "      account.tier: return.tier",
                "      account.score: return.score",
                "")
            .getBytes(StandardCharsets.UTF_8));
    return List.of("-javaagent:" + agent + "=config=" + config);
  }

  private static List<String> otel(Path otel, String endpoint) {
    return List.of(
        "-javaagent:" + otel,
        "-Dotel.instrumentation.methods.include=com.acme.bench.Accounts[login]",
        "-Dotel.service.name=bench",
        "-Dotel.exporter.otlp.protocol=http/protobuf",
        "-Dotel.exporter.otlp.endpoint=" + endpoint,
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.javaagent.logging=none");
  }

  private static Result<?> run(List<String> jvmArgs, int forks, int iterations)
      throws RunnerException {
    ChainedOptionsBuilder builder =
        new OptionsBuilder()
            .include(InterceptedCallBenchmark.class.getName())
            .forks(forks)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(2))
            .threads(1);
    if (!jvmArgs.isEmpty()) {
      builder.jvmArgsAppend(jvmArgs.toArray(new String[0]));
    }
    RunResult result = new Runner(builder.build()).runSingle();
    return result.getPrimaryResult();
  }

  private static void report(Map<String, Result<?>> results) {
    double baseline = results.values().iterator().next().getScore();
    Double otelOverhead = null;
    for (Map.Entry<String, Result<?>> entry : results.entrySet()) {
      if (entry.getKey().startsWith("opentelemetry")) {
        otelOverhead = entry.getValue().getScore() - baseline;
      }
    }
    System.out.println();
    System.out.println(
        "| variant | ns/call | ± (99.9%) | added ns/call | added / OTel agent's added |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (Map.Entry<String, Result<?>> entry : results.entrySet()) {
      Result<?> result = entry.getValue();
      double added = result.getScore() - baseline;
      String ratio =
          otelOverhead == null || otelOverhead <= 0
              ? ""
              : String.format("%.2f", added / otelOverhead);
      System.out.printf(
          "| %s | %.1f | %.1f | %.1f | %s |%n",
          entry.getKey(), result.getScore(), result.getScoreError(), added, ratio);
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void require(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar + " not found: build first with mvn -B -DskipTests package");
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>(List.of(args));
    for (int i = 0; i + 1 < rest.size(); i += 2) {
      if (!rest.get(i).startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + rest.get(i));
      }
      options.put(rest.get(i).substring(2), rest.get(i + 1));
    }
    return options;
  }
}

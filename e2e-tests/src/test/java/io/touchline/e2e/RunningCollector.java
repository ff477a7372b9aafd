package io.touchline.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * The collector jar on free ports with its data under a test's directory, for the agent's
 * end-to-end tests.
 */
record RunningCollector(JvmProcess process, String otlp, String api) implements AutoCloseable {

  private static final Pattern READY =
      Pattern.compile("touchline collector ready: otlp-http=(http://\\S+) api=(http://\\S+)");

  static RunningCollector start(Path tmp, Path logs) throws Exception {
    Path config = tmp.resolve("collector.yaml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "bindAddress: 127.0.0.1",
            "otlp:",
            "  grpcPort: 0",
            "  httpPort: 0",
            "api:",
            "  port: 0",
            "storage:",
            "  path: " + tmp.resolve("data"),
            ""),
        StandardCharsets.UTF_8);
    JvmProcess process =
        JvmProcess.start(
            "collector",
            logs,
            Map.of(),
            List.of(
                "-jar",
                System.getProperty("touchline.collector.jar"),
                "--config",
                config.toString()));
    MatchResult ready = process.awaitLine(READY, Duration.ofSeconds(60));
    return new RunningCollector(process, ready.group(1), ready.group(2));
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}

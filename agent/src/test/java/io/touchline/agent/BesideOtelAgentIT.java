package io.touchline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.agent.testing.JvmRun;
import io.touchline.agent.testing.OtlpReceiver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The agent in a JVM that also carries the OpenTelemetry Java agent, in either order of the two
 * {@code -javaagent} flags: both emit, each to its own endpoint, and the application's output is
 * unchanged. The OpenTelemetry agent traces the same method, so the call runs inside one of its
 * spans; ours do not join that trace (docs/agent-config.md, "Beside other agents").
 */
class BesideOtelAgentIT {

  private static final Path AGENT_JAR =
      Paths.get(System.getProperty("touchline.agent.jar", "target/touchline-agent.jar"))
          .toAbsolutePath();
  private static final Path OTEL_AGENT_JAR =
      Paths.get("target/peers/opentelemetry-javaagent.jar").toAbsolutePath();
  private static final Path FIXTURE_CLASSES = Paths.get("target/test-classes").toAbsolutePath();
  private static final String FIXTURE_OUTPUT =
      "fixture started\nlogged in C-"
          + Math.abs("Alice.Martin@Example.com".hashCode() % 1000)
          + "\nrefused: no such customer\nfixture done\n";

  @TempDir Path tmp;

  @ParameterizedTest(name = "Touchline''s -javaagent first: {0}")
  @ValueSource(booleans = {true, false})
  void bothAgentsEmitAndTheApplicationRunsAsWithout(boolean oursFirst) throws Exception {
    try (OtlpReceiver touchline = new OtlpReceiver();
        OtlpReceiver otel = new OtlpReceiver()) {
      Path config = tmp.resolve("agent.yaml");
      Files.write(
          config,
          String.join(
                  "\n",
                  "service: fixture-app",
                  "channel: web",
                  "export:",
                  "  endpoint: " + touchline.endpoint(),
                  "  shutdownTimeout: 10s",
                  "touchpoints:",
                  "  - name: login",
                  "    class: com.acme.fixture.AccountService",
                  "    method: login(java.lang.String, java.lang.String)",
                  "    keys:",
                  "      email: args[0]",
                  "")
              .getBytes(StandardCharsets.UTF_8));
      String ours = "-javaagent:" + AGENT_JAR + "=config=" + config;
      String theirs = "-javaagent:" + OTEL_AGENT_JAR;
      List<String> command =
          new ArrayList<>(
              Arrays.asList(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  // Only the traces exporter under test; the same method traced by both agents.
                  "-Dotel.service.name=fixture-app",
                  "-Dotel.traces.exporter=otlp",
                  "-Dotel.metrics.exporter=none",
                  "-Dotel.logs.exporter=none",
                  "-Dotel.exporter.otlp.protocol=http/protobuf",
                  "-Dotel.exporter.otlp.endpoint=" + otel.endpoint(),
                  "-Dotel.bsp.schedule.delay=100",
                  "-Dotel.instrumentation.methods.include=com.acme.fixture.AccountService[login]",
                  oursFirst ? ours : theirs,
                  oursFirst ? theirs : ours,
                  "-cp",
                  FIXTURE_CLASSES.toString(),
                  "com.acme.fixture.FixtureApp"));
      JvmRun run = JvmRun.run(command, tmp, java.util.Collections.<String, String>emptyMap());
      String stderr = run.stderr;

      assertThat(run.exitCode).as(stderr).isZero();
      assertThat(run.stdout).isEqualTo(FIXTURE_OUTPUT);
      assertThat(stderr).contains("[touchline] INFO agent started");

      List<OtlpReceiver.Received> touchpoints = touchline.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(touchpoints).extracting(s -> s.span.getName()).containsExactly("login", "login");
      assertThat(touchpoints)
          .extracting(s -> s.attribute("touchline.key.email"))
          .containsExactly("alice.martin@example.com", "unknown@example.com");
      List<OtlpReceiver.Received> traced = otel.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(traced).extracting(s -> s.span.getName()).contains("AccountService.login");
      assertThat(traced)
          .noneMatch(s -> s.span.getName().equals("login")); // our spans go only to our endpoint

      // Ours start their own traces: the OpenTelemetry agent keeps the app's current span in its
      // own
      // relocated classes, out of our reach.
      assertThat(touchpoints)
          .allSatisfy(s -> assertThat(s.span.getParentSpanId().isEmpty()).isTrue());
      assertThat(touchpoints)
          .extracting(s -> s.span.getTraceId())
          .doesNotContainAnyElementsOf(traced.stream().map(s -> s.span.getTraceId()).toList());
    }
  }
}

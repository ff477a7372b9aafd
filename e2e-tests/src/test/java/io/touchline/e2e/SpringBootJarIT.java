package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a real Spring Boot executable jar ({@code java -javaagent:… -jar boot-app.jar}): the
 * intercepted class sits in a nested jar under BOOT-INF/lib and loads through Spring Boot's
 * LaunchedClassLoader, and Spring calls it through a CGLIB subclass that a {@code subtypeOf}
 * matcher also matches. Each call must arrive once, at the real collector, and the application must
 * print what it prints without the agent.
 */
class SpringBootJarIT {

  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final List<String> CUSTOMERS = List.of("Ann.Lee@example.com", "bob@example.com");

  @TempDir Path tmp;

  @Test
  void aSpringBootJarsNestedClassesAreInterceptedOncePerCallThroughItsCglibProxy()
      throws Exception {
    Path logs =
        Paths.get(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("SpringBootJarIT");
    try (RunningCollector collector = RunningCollector.start(tmp, logs)) {
      Path agentConfig = tmp.resolve("agent.yaml");
      Files.writeString(
          agentConfig,
          String.join(
              "\n",
              "service: boot-app",
              "channel: web",
              "export:",
              "  endpoint: " + collector.otlp(),
              "  shutdownTimeout: 10s",
              "touchpoints:",
              "  - name: login",
              "    subtypeOf: com.acme.boot.accounts.AccountService", // matches the CGLIB subclass
              // too
              "    method: login",
              "    keys:",
              "      email: args[0]",
              "      customer_id: return",
              ""),
          StandardCharsets.UTF_8);

      String withoutAgent = appLines(run(logs, "boot-app-alone", List.of()));
      JvmProcess withAgent =
          run(
              logs,
              "boot-app",
              List.of(
                  "-javaagent:"
                      + System.getProperty("touchline.agent.jar")
                      + "=config="
                      + agentConfig));
      assertThat(appLines(withAgent)).isEqualTo(withoutAgent);
      assertThat(withoutAgent)
          .contains("account service class: com.acme.boot.accounts.AccountService$$SpringCGLIB$$")
          .contains("loaded by: org.springframework.boot.loader.launch.LaunchedClassLoader");
      assertThat(withAgent.stderr())
          .contains("[touchline] INFO instrumented com.acme.boot.accounts.AccountService\n")
          .doesNotContain("SpringCGLIB")
          .doesNotContain("could not instrument")
          .contains("1 method(s) instrumented, 2 touchpoint(s) emitted, 0 dropped");

      HttpJson api = new HttpJson(collector.api());
      for (String email : CUSTOMERS) {
        JsonNode profile = api.get("/api/profiles?key=email:" + email).body();
        assertThat(profile.get("touchpointCount").asLong())
            .as("touchpoints of " + email)
            .isEqualTo(1);
        JsonNode login = profile.get("touchpoints").get(0);
        assertThat(login.get("touchpoint").asText()).isEqualTo("login");
        assertThat(login.get("service").asText()).isEqualTo("boot-app");
        assertThat(login.get("keys").get("customer_id").asText())
            .isEqualTo("C-" + Math.abs(email.toLowerCase(java.util.Locale.ROOT).hashCode() % 1000));
        assertThat(login.get("attributes").get("code.function.name").asText())
            .isEqualTo("com.acme.boot.accounts.AccountService.login");
      }
      assertThat(api.get("/api/stats").body().get("touchpoints").asLong()).isEqualTo(2);
    }
  }

  /** Runs the Spring Boot jar to its end with these JVM options before {@code -jar}. */
  private static JvmProcess run(Path logs, String name, List<String> options) throws Exception {
    List<String> command = new java.util.ArrayList<>(options);
    command.addAll(List.of("-jar", System.getProperty("fixture.boot.jar")));
    command.addAll(CUSTOMERS);
    JvmProcess app = JvmProcess.start(name, logs, Map.of(), command);
    assertThat(app.awaitExit(STARTUP)).as(app.output()).isZero();
    return app;
  }

  /** What the application itself printed, without Spring's timestamped log lines. */
  private static String appLines(JvmProcess app) throws Exception {
    StringBuilder lines = new StringBuilder();
    for (String line : app.stdout().split("\n")) {
      if (line.startsWith("account service class:")
          || line.startsWith("loaded by:")
          || line.startsWith("logged in")) {
        lines.append(line).append('\n');
      }
    }
    return lines.toString();
  }
}

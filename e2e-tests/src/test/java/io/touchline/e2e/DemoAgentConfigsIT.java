package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each demo app's agent config passes the agent's own {@code check} against that app's jar, as an
 * admin would run it before deploying: valid, every touchpoint selecting methods, no path skipped.
 */
class DemoAgentConfigsIT {

  private static final Pattern VALID = Pattern.compile(": valid, (\\d+) touchpoint\\(s\\) enabled");
  private static final Pattern MATCHED =
      Pattern.compile("(?m)^touchpoint '[^']+' \\([^)]+\\): (\\d+) method\\(s\\)$");

  @ParameterizedTest(name = "{1} on {0}")
  @CsvSource({
    "web-shop, agent.yaml",
    "call-center, agent-call-center.yaml",
    "mobile-backend, agent-mobile.yaml",
    "mailer, agent-mailer.yaml"
  })
  void passesTheAgentsCheckAgainstItsApp(String module, String config) throws Exception {
    Path appJar = Paths.get(System.getProperty("demo.apps.dir"), module, "target", module + ".jar");
    assertThat(appJar).as(module + " jar").exists();
    Path configFile = Paths.get(System.getProperty("touchline.config.dir"), config);
    Path logDir =
        Paths.get(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("agent-check");

    JvmProcess check =
        JvmProcess.start(
            module + "-check",
            logDir,
            Map.of(),
            List.of(
                "-jar",
                System.getProperty("touchline.agent.jar"),
                "check",
                configFile.toString(),
                "--classpath",
                appJar.toString()));
    int exit = check.awaitExit(Duration.ofSeconds(60));
    String output = check.output();

    assertThat(exit).as(output).isZero();
    assertThat(output).as(output).doesNotContain("SKIPPED").doesNotContain("WARNING");
    Matcher valid = VALID.matcher(output);
    assertThat(valid.find()).as(output).isTrue();
    int enabled = Integer.parseInt(valid.group(1));
    Matcher matched = MATCHED.matcher(output);
    int touchpoints = 0;
    while (matched.find()) {
      touchpoints++;
      assertThat(Integer.parseInt(matched.group(1))).as(matched.group()).isPositive();
    }
    assertThat(touchpoints)
        .as("every enabled touchpoint is listed with its methods\n" + output)
        .isEqualTo(enabled);
  }
}

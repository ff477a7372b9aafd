package io.touchline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.agent.testing.Conversation;
import io.touchline.agent.testing.OtlpReceiver;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config edited while the application serves: keys and {@code enabled} change without weaving
 * anything again, a changed method weaves only that touchpoint anew, a broken file keeps the config
 * in force and says why, and every span carries the version that recorded it.
 */
class HotReloadIT {

  private static final Path AGENT_JAR =
      Paths.get(System.getProperty("touchline.agent.jar", "target/touchline-agent.jar"))
          .toAbsolutePath();
  private static final Path FIXTURE_CLASSES = Paths.get("target/test-classes").toAbsolutePath();

  @TempDir Path tmp;

  private Path config;
  private Path stderr;
  private OtlpReceiver collector;

  private void writeConfig(String version, String touchpoint) throws IOException {
    String yaml =
        String.join(
            "\n",
            "version: " + version,
            "service: serving-app",
            "export:",
            "  endpoint: " + collector.endpoint(),
            "  flushInterval: 100ms",
            "touchpoints:",
            touchpoint,
            "");
    // Written beside and moved into place, as editors and config tools do: never half a file.
    Path next = tmp.resolve("agent.yaml.next");
    Files.write(next, yaml.getBytes(StandardCharsets.UTF_8));
    Files.move(
        next,
        config,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String login(String method, String keys, String extra) {
    return String.join(
            "\n",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: " + method,
            "    keys:",
            keys)
        + extra;
  }

  @Test
  void aConfigEditedWhileTheAppServesAppliesWithoutARestart() throws Exception {
    collector = new OtlpReceiver();
    try {
      config = tmp.resolve("agent.yaml");
      stderr = tmp.resolve("stderr.txt");
      writeConfig(
          "v1", login("login(java.lang.String, java.lang.String)", "      email: args[0]", ""));
      Process app =
          new ProcessBuilder(
                  Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                  "-javaagent:" + AGENT_JAR + "=config=" + config,
                  "-cp",
                  FIXTURE_CLASSES.toString(),
                  "com.acme.fixture.ServingApp")
              .redirectError(stderr.toFile())
              .start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
          Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
        assertThat(out.readLine()).isEqualTo("serving");
        String ann = Conversation.ask(in, out, "login ann@example.com");
        assertThat(awaitSpans(1).get(0).attribute("touchline.config.version")).isEqualTo("v1");

        // Keys only: the same weaving, a new plan.
        writeConfig(
            "v2",
            login(
                "login(java.lang.String, java.lang.String)",
                "      email: args[0]\n      session: args[1]",
                ""));
        awaitLog(
            "config reloaded: version v1 -> v2, 1 touchpoint(s) updated in place, 0 woven, 0 unwoven");
        assertThat(Conversation.ask(in, out, "login ann@example.com")).isEqualTo(ann);
        OtlpReceiver.Received second = awaitSpans(2).get(1);
        assertThat(second.attribute("touchline.config.version")).isEqualTo("v2");
        assertThat(second.attribute("touchline.key.session")).isNotNull();

        // A broken file: the config in force stays, and the log says why.
        writeConfig(
            "v3",
            login(
                "login(java.lang.String, java.lang.String)",
                "      email: args[0]",
                "\n    chanel: web"));
        awaitLog("changed but cannot be used, keeping version v2: ");
        awaitLog("touchpoints[0].chanel: unknown field");
        Conversation.ask(in, out, "login bob@example.com");
        assertThat(awaitSpans(3).get(2).attribute("touchline.config.version")).isEqualTo("v2");

        // Switched off: idle, still woven.
        writeConfig(
            "v4",
            login(
                "login(java.lang.String, java.lang.String)",
                "      email: args[0]",
                "\n    enabled: false"));
        awaitLog(
            "config reloaded: version v2 -> v4, 1 touchpoint(s) updated in place, 0 woven, 0 unwoven");
        Conversation.ask(in, out, "login carol@example.com");

        // Another method: that touchpoint alone is woven anew, the old weaving removed.
        writeConfig("v5", login("login(java.lang.String)", "      session: args[0]", ""));
        awaitLog(
            "config reloaded: version v4 -> v5, 0 touchpoint(s) updated in place, 1 woven, 1 unwoven");
        assertThat(Conversation.ask(in, out, "login dave@example.com")).startsWith("logged in C-");
        assertThat(Conversation.ask(in, out, "token t-42")).isEqualTo("token for C-token");
        List<OtlpReceiver.Received> spans = awaitSpans(4);
        assertThat(spans).hasSize(4);
        assertThat(spans.get(3).attribute("touchline.key.session")).isEqualTo("t-42");
        assertThat(spans.get(3).attribute("touchline.config.version")).isEqualTo("v5");
        assertThat(spans)
            .extracting(s -> s.attribute("touchline.key.email"))
            .as("nothing from carol (switched off) or dave (no longer that method)")
            .containsExactly("ann@example.com", "ann@example.com", "bob@example.com", null);

        assertThat(Conversation.ask(in, out, "quit")).isEqualTo("bye");
      } finally {
        Conversation.awaitExit(app);
      }
      assertThat(app.exitValue()).isZero();
      assertThat(new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8))
          .contains("agent stopping: config version v5, ");
    } finally {
      collector.close();
    }
  }

  private List<OtlpReceiver.Received> awaitSpans(int count) throws InterruptedException {
    List<OtlpReceiver.Received> spans = collector.awaitSpans(count, Duration.ofSeconds(10));
    assertThat(spans).hasSizeGreaterThanOrEqualTo(count);
    return spans;
  }

  private void awaitLog(String text) throws Exception {
    Conversation.awaitText(stderr, text);
  }
}

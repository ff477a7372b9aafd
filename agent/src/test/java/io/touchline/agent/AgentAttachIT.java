package io.touchline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.agent.testing.Conversation;
import io.touchline.agent.testing.JvmRun;
import io.touchline.agent.testing.OtlpReceiver;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent loaded into a JVM that is already serving, as an ops team would do it with {@code java
 * -jar touchline-agent.jar list} and {@code attach <pid> config=…}: classes loaded before are
 * rewoven, calls after the attach emit touchpoints, and the application's own behaviour does not
 * change.
 */
class AgentAttachIT {

  private static final Path AGENT_JAR =
      Paths.get(System.getProperty("touchline.agent.jar", "target/touchline-agent.jar"))
          .toAbsolutePath();
  private static final Path FIXTURE_CLASSES = Paths.get("target/test-classes").toAbsolutePath();
  private static final String JAVA =
      Paths.get(System.getProperty("java.home"), "bin", "java").toString();

  @TempDir Path tmp;

  @Test
  void attachedToARunningJvmItInstrumentsClassesLoadedBeforeAndTheAppServesOn() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Path config = tmp.resolve("agent.yaml");
      Files.write(
          config,
          String.join(
                  "\n",
                  "version: attached-1",
                  "service: serving-app",
                  "channel: web",
                  "export:",
                  "  endpoint: " + collector.endpoint(),
                  "  flushInterval: 100ms",
                  "touchpoints:",
                  "  - name: login",
                  "    class: com.acme.fixture.AccountService",
                  "    method: login(java.lang.String, java.lang.String)",
                  "    keys:",
                  "      email: args[0]",
                  "")
              .getBytes(StandardCharsets.UTF_8));
      Path stderr = tmp.resolve("app-stderr.txt");
      Process app =
          new ProcessBuilder(JAVA, "-cp", FIXTURE_CLASSES.toString(), "com.acme.fixture.ServingApp")
              .redirectError(stderr.toFile())
              .start();
      try (BufferedReader out =
              new BufferedReader(
                  new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
          Writer in = new OutputStreamWriter(app.getOutputStream(), StandardCharsets.UTF_8)) {
        assertThat(out.readLine()).isEqualTo("serving");
        String before =
            Conversation.ask(in, out, "login ann@example.com"); // AccountService is loaded now
        assertThat(before).startsWith("logged in C-");
        String pid = pidOf(app);

        JvmRun list = run(JAVA, "-jar", AGENT_JAR.toString(), "list");
        assertThat(list.exitCode).isZero();
        assertThat(list.stdout).contains(pid + "\tcom.acme.fixture.ServingApp");

        JvmRun attach = run(JAVA, "-jar", AGENT_JAR.toString(), "attach", pid, "config=" + config);
        assertThat(attach.exitCode).as(attach.stderr).isZero();
        assertThat(attach.stdout)
            .startsWith(
                "attached to JVM "
                    + pid
                    + " with "
                    + config
                    + " (version attached-1, 1 touchpoint(s))");
        Conversation.awaitText(stderr, "[touchline] INFO agent started");

        assertThat(Conversation.ask(in, out, "login ann@example.com"))
            .as("the app answers as before")
            .isEqualTo(before);
        assertThat(Conversation.ask(in, out, "login bob@example.com")).startsWith("logged in C-");
        List<OtlpReceiver.Received> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
        assertThat(spans)
            .extracting(s -> s.attribute("touchline.key.email"))
            .as("only the calls after the attach")
            .containsExactly("ann@example.com", "bob@example.com");
        assertThat(spans)
            .allSatisfy(
                s -> assertThat(s.attribute("touchline.config.version")).isEqualTo("attached-1"));

        // A second attach is refused inside the app, which keeps serving.
        assertThat(
                run(JAVA, "-jar", AGENT_JAR.toString(), "attach", pid, "config=" + config).exitCode)
            .isZero();
        Conversation.awaitText(stderr, "agent already installed in this JVM");
        assertThat(Conversation.ask(in, out, "login carol@example.com")).startsWith("logged in C-");

        assertThat(Conversation.ask(in, out, "quit")).isEqualTo("bye");
      } finally {
        Conversation.awaitExit(app);
      }
      assertThat(app.exitValue()).isZero();
      assertThat(collector.awaitSpans(3, Duration.ofSeconds(10))).hasSize(3);
      String appErrors = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
      for (String line : appErrors.split("\n")) {
        // JDK 21+ warns about an agent loaded at run time (docs/agent-attach.md says how to silence
        // it).
        assertThat(line).matches("\\[touchline\\] .*|WARNING: .*|");
      }
    }
  }

  @Test
  void aBadConfigIsShownAtTheTerminalAndNothingIsAttached() throws Exception {
    Path config = tmp.resolve("agent.yaml");
    Files.write(
        config,
        "service: x\ntouchpoints:\n  - name: login\n    clas: X\n"
            .getBytes(StandardCharsets.UTF_8));
    JvmRun attach = run(JAVA, "-jar", AGENT_JAR.toString(), "attach", "1", "config=" + config);
    assertThat(attach.exitCode).isEqualTo(1);
    assertThat(attach.stderr).contains("agent.yaml:4:5: touchpoints[0].clas: unknown field");
    JvmRun usage = run(JAVA, "-jar", AGENT_JAR.toString(), "attach", "not-a-pid");
    assertThat(usage.exitCode).isEqualTo(2);
    assertThat(usage.stderr).contains("expected a process id");
  }

  private static String pidOf(Process process) {
    return String.valueOf(process.pid());
  }

  private JvmRun run(String... command) throws Exception {
    return JvmRun.run(
        Arrays.asList(command), tmp, java.util.Collections.<String, String>emptyMap());
  }
}

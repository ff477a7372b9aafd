package io.touchline.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.agent.testing.JvmRun;
import io.touchline.agent.testing.OtlpReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The packaged agent jar, as an ops team would use it: its layout, and a real JVM running it. */
class AgentJarIT {

  private static final Path AGENT_JAR =
      Paths.get(System.getProperty("touchline.agent.jar", "target/touchline-agent.jar"));
  private static final Path FIXTURE_CLASSES = Paths.get("target/test-classes");

  /** What FixtureApp prints on its own: with the agent attached it must print exactly this. */
  static final String FIXTURE_OUTPUT =
      "fixture started\nlogged in C-"
          + Math.abs("Alice.Martin@Example.com".hashCode() % 1000)
          + "\nrefused: no such customer\nfixture done\n";

  @TempDir Path tmp;

  @Test
  void everyClassIsOursAndLoadsOnJava8() throws IOException {
    TreeSet<String> foreign = new TreeSet<>();
    TreeSet<String> aboveJava8 = new TreeSet<>();
    try (JarFile jar = new JarFile(AGENT_JAR.toFile())) {
      Attributes manifest = jar.getManifest().getMainAttributes();
      assertThat(manifest.getValue("Premain-Class")).isEqualTo("io.touchline.agent.TouchlineAgent");
      assertThat(manifest.getValue("Agent-Class")).isEqualTo("io.touchline.agent.TouchlineAgent");
      assertThat(manifest.getValue("Can-Retransform-Classes")).isEqualTo("true");
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        JarEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".class")) {
          continue;
        }
        if (!name.startsWith("io/touchline/")) {
          foreign.add(name);
        }
        if (classFileMajor(jar, entry) > 52) {
          aboveJava8.add(name.substring(0, name.lastIndexOf('/')));
        }
      }
    }
    assertThat(foreign).as("classes outside io/touchline/").isEmpty();
    // Only OTel's java.net.http sender is newer than Java 8; HttpSenderSelection loads it on 11+.
    assertThat(aboveJava8)
        .containsExactly("io/touchline/agent/shaded/io/opentelemetry/exporter/sender/jdk/internal");
  }

  /** The JVM running the tests, plus every other JDK installed beside it (e.g. 17 and 25). */
  static Stream<String> javaExecutables() throws IOException {
    Set<String> executables = new LinkedHashSet<>();
    executables.add(realPath(Paths.get(System.getProperty("java.home"), "bin", "java")));
    Path jvms = Paths.get("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> homes = Files.list(jvms)) {
        homes
            .map(home -> home.resolve("bin/java"))
            .filter(Files::isExecutable)
            .map(AgentJarIT::realPath)
            .forEach(executables::add);
      }
    }
    return executables.stream();
  }

  @ParameterizedTest
  @MethodSource("javaExecutables")
  void emitsTouchpointSpansFromARealJvmWithoutChangingTheAppsOutput(String java) throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Path config = writeConfig(collector.endpoint());
      JvmRun run = runFixture(java, "config=" + config, new HashMap<>());

      assertThat(run.exitCode).isZero();
      assertThat(run.stdout).isEqualTo(FIXTURE_OUTPUT);
      assertThat(run.stderr.split("\n")).allMatch(line -> line.startsWith("[touchline] "));
      assertThat(run.stderr).contains("agent started").doesNotContain("alice");
      assertThat(run.stderr).as("no transformation error").doesNotContain("could not instrument");

      List<OtlpReceiver.Received> spans = collector.awaitSpans(2, Duration.ofSeconds(10));
      assertThat(spans).hasSize(2);
      OtlpReceiver.Received ok = spans.get(0);
      assertThat(ok.span.getName()).isEqualTo("login");
      assertThat(ok.resourceAttribute("service.name")).isEqualTo("fixture-app");
      assertThat(ok.resourceAttribute("touchline.channel")).isEqualTo("web");
      assertThat(ok.attribute("touchline.key.email")).isEqualTo("alice.martin@example.com");
      assertThat(ok.attribute("touchline.key.session")).isEqualTo("session-1");
      assertThat(ok.attribute("touchline.outcome")).isEqualTo("success");
      assertThat(ok.attribute("code.function.name"))
          .isEqualTo("com.acme.fixture.AccountService.login");
      assertThat(spans.get(1).attribute("touchline.outcome")).isEqualTo("error");
    }
  }

  @Test
  void aBadConfigLeavesTheApplicationRunning() throws Exception {
    Path config = tmp.resolve("agent.yaml");
    Files.write(
        config,
        "service: fixture-app\ntouchpoints:\n  - name: login\n    clas: X\n"
            .getBytes(StandardCharsets.UTF_8));
    JvmRun run = runFixture("config=" + config, new HashMap<>());

    assertThat(run.exitCode).isZero();
    assertThat(run.stdout).endsWith("fixture done\n");
    assertThat(run.stderr)
        .contains(
            "[touchline] ERROR config error, agent not started: "
                + config
                + ":4:5: touchpoints[0].clas: unknown field");
  }

  @Test
  void touchlineEnabledFalseTurnsItOffEntirely() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Map<String, String> env = new HashMap<>();
      env.put("TOUCHLINE_ENABLED", "false");
      JvmRun run = runFixture("config=" + writeConfig(collector.endpoint()), env);

      assertThat(run.exitCode).isZero();
      assertThat(run.stdout).endsWith("fixture done\n");
      assertThat(run.stderr).contains("agent disabled");
      assertThat(collector.spans()).isEmpty();
    }
  }

  @Test
  void keepsServingWhenTheCollectorIsDown() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    JvmRun run =
        runFixture("config=" + writeConfig("http://127.0.0.1:" + closedPort), new HashMap<>());

    assertThat(run.exitCode).isZero();
    assertThat(run.stdout).endsWith("fixture done\n");
  }

  /**
   * Application servers install their own java.util.logging LogManager once their main runs; an
   * agent that starts JUL in premain breaks them. The agent's premain must not touch it.
   */
  @Test
  void premainLeavesJavaUtilLoggingAlone() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Path classLog = tmp.resolve("classes.log");
      JvmRun run =
          runFixture(
              Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
              Arrays.asList("-Xlog:class+load:file=" + classLog),
              "config=" + writeConfig(collector.endpoint()),
              new HashMap<>());
      assertThat(run.exitCode).isZero();
      List<String> loaded = Files.readAllLines(classLog, StandardCharsets.UTF_8);
      int main = indexOf(loaded, " com.acme.fixture.FixtureApp ");
      int logManager = indexOf(loaded, " java.util.logging.LogManager ");
      assertThat(main).as("the fixture's main class was loaded").isNotNegative();
      assertThat(logManager < 0 || logManager > main)
          .as("java.util.logging.LogManager is first loaded after the application's main class")
          .isTrue();
    }
  }

  private static int indexOf(List<String> lines, String needle) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(needle)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void theJarChecksAConfigOffline() throws Exception {
    Path good = writeConfig("http://127.0.0.1:4318");
    Path bad = tmp.resolve("bad.yaml");
    Files.write(bad, "touchpoints:\n  - name: x\n    clas: Y\n".getBytes(StandardCharsets.UTF_8));
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    Process ok =
        new ProcessBuilder(
                java,
                "-jar",
                AGENT_JAR.toString(),
                "check",
                good.toString(),
                "--classpath",
                FIXTURE_CLASSES.toString())
            .redirectErrorStream(true)
            .start();
    String okOutput = new String(readAll(ok.getInputStream()), StandardCharsets.UTF_8);
    assertThat(ok.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ok.exitValue()).as(okOutput).isZero();
    assertThat(okOutput)
        .contains("com.acme.fixture.AccountService.login(java.lang.String, java.lang.String)");

    Process notOk =
        new ProcessBuilder(java, "-jar", AGENT_JAR.toString(), "check", bad.toString())
            .redirectErrorStream(true)
            .start();
    String notOkOutput = new String(readAll(notOk.getInputStream()), StandardCharsets.UTF_8);
    assertThat(notOk.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(notOk.exitValue()).isNotZero();
    assertThat(notOkOutput).contains(bad + ":3:5: touchpoints[0].clas: unknown field");
  }

  private static byte[] readAll(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    for (int n; (n = in.read(buffer)) != -1; ) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Test
  void anOverloadedCollectorChangesNothingForTheApplication() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver(503)) {
      JvmRun run = runFixture("config=" + writeConfig(collector.endpoint()), new HashMap<>());

      assertThat(run.exitCode).isZero();
      assertThat(run.stdout).isEqualTo(FIXTURE_OUTPUT);
      assertThat(run.stderr.split("\n")).allMatch(line -> line.startsWith("[touchline] "));
      assertThat(collector.requests()).isPositive();
    }
  }

  @Test
  void aRateCapKeepsABurstToItsLimitAndTheAgentCountsItselfInJmxAndItsLog() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Path config = writeConfig(collector.endpoint());
      String yaml =
          new String(Files.readAllBytes(config), StandardCharsets.UTF_8)
              .replace("service: fixture-app\n", "version: guard-1\nservice: fixture-app\n")
              .replace(
                  "    method: login(java.lang.String, java.lang.String)\n",
                  "    method: login(java.lang.String, java.lang.String)\n    maxPerSecond: 5\n");
      Files.write(config, yaml.getBytes(StandardCharsets.UTF_8));
      int calls = 50;
      JvmRun run =
          runFixture(
              Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
              Collections.<String>emptyList(),
              "config=" + config,
              new HashMap<>(),
              Arrays.asList("com.acme.fixture.GuardRailsApp", String.valueOf(calls)));

      assertThat(run.exitCode).isZero();
      assertThat(run.stdout).startsWith("logged in 50 times\n");
      // The burst may cross one second's boundary: up to two windows of 5.
      List<OtlpReceiver.Received> spans = collector.awaitSpans(5, Duration.ofSeconds(10));
      int emitted = spans.size();
      assertThat(emitted).isBetween(5, 10);
      assertThat(spans)
          .allSatisfy(
              span -> assertThat(span.attribute("touchline.config.version")).isEqualTo("guard-1"));
      int limited = calls - emitted;
      assertThat(run.stdout)
          .contains(
              "jmx ConfigVersion=guard-1 MatchedClasses=1 InstrumentedMethods=1 RateLimited="
                  + limited
                  + " CaptureFailures=0");
      assertThat(run.stderr)
          .contains(
              "[touchline] INFO agent stopping: config version guard-1, 1 class(es) matched, "
                  + "1 method(s) instrumented, "
                  + emitted
                  + " touchpoint(s) emitted, 0 dropped, "
                  + limited
                  + " rate-limited, 0 capture failure(s)");
    }
  }

  @Test
  void readsTheConfigPathFromTheEnvironment() throws Exception {
    try (OtlpReceiver collector = new OtlpReceiver()) {
      Map<String, String> env = new HashMap<>();
      env.put("TOUCHLINE_CONFIG", writeConfig(collector.endpoint()).toString());
      JvmRun run = runFixture("", env);

      assertThat(run.exitCode).isZero();
      assertThat(collector.awaitSpans(2, Duration.ofSeconds(10))).hasSize(2);
    }
  }

  private static String realPath(Path path) {
    try {
      return path.toRealPath().toString();
    } catch (IOException e) {
      return path.toString();
    }
  }

  private Path writeConfig(String endpoint) throws IOException {
    Path config = tmp.resolve("agent.yaml");
    String yaml =
        String.join(
            "\n",
            "service: fixture-app",
            "channel: web",
            "export:",
            "  endpoint: " + endpoint,
            // The fixture exits right after its calls: give the last export time on slow machines.
            "  shutdownTimeout: 10s",
            "touchpoints:",
            "  - name: login",
            "    class: com.acme.fixture.AccountService",
            "    method: login(java.lang.String, java.lang.String)",
            "    keys:",
            "      email: args[0]",
            "      session: args[1]",
            "");
    Files.write(config, yaml.getBytes(StandardCharsets.UTF_8));
    return config;
  }

  private JvmRun runFixture(String agentArguments, Map<String, String> env) throws Exception {
    return runFixture(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(), agentArguments, env);
  }

  private JvmRun runFixture(String java, String agentArguments, Map<String, String> env)
      throws Exception {
    return runFixture(java, Collections.<String>emptyList(), agentArguments, env);
  }

  private JvmRun runFixture(
      String java, List<String> jvmOptions, String agentArguments, Map<String, String> env)
      throws Exception {
    return runFixture(
        java,
        jvmOptions,
        agentArguments,
        env,
        Collections.singletonList("com.acme.fixture.FixtureApp"));
  }

  private JvmRun runFixture(
      String java,
      List<String> jvmOptions,
      String agentArguments,
      Map<String, String> env,
      List<String> mainAndArgs)
      throws Exception {
    String agent =
        "-javaagent:"
            + AGENT_JAR.toAbsolutePath()
            + (agentArguments.isEmpty() ? "" : "=" + agentArguments);
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.add(agent);
    command.add("-cp");
    command.add(FIXTURE_CLASSES.toAbsolutePath().toString());
    command.addAll(mainAndArgs);
    return JvmRun.run(command, tmp, env);
  }

  private static int classFileMajor(JarFile jar, JarEntry entry) throws IOException {
    try (InputStream in = jar.getInputStream(entry)) {
      byte[] header = new byte[8];
      int read = 0;
      while (read < 8) {
        int n = in.read(header, read, 8 - read);
        if (n < 0) {
          throw new IOException("truncated class file " + entry.getName());
        }
        read += n;
      }
      return ((header[6] & 0xff) << 8) | (header[7] & 0xff);
    }
  }
}

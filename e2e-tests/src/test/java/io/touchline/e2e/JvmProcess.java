package io.touchline.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real JVM started for a test, its output kept in files under {@code target/e2e-logs} so a
 * failure can be read afterwards. Readiness is awaited on a line the process prints, never on a
 * fixed sleep.
 */
final class JvmProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JvmProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  static JvmProcess start(String name, Path logDir, Map<String, String> env, List<String> jvmArgs)
      throws IOException {
    Files.createDirectories(logDir);
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    ProcessBuilder builder = new ProcessBuilder(command).directory(logDir.toFile());
    // The tests decide every Touchline setting; nothing leaks in from the developer's shell.
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("TOUCHLINE_") || key.startsWith("OTEL_"));
    builder.environment().putAll(env);
    Path out = logDir.resolve(name + ".stdout.log");
    Path err = logDir.resolve(name + ".stderr.log");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    return new JvmProcess(name, builder.start(), out, err);
  }

  /** Waits for a stdout line matching {@code pattern}; returns the match. */
  MatchResult awaitLine(Pattern pattern, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
        Matcher matcher = pattern.matcher(line);
        if (matcher.find()) {
          return matcher.toMatchResult();
        }
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            name + " exited with " + process.exitValue() + " before it was ready\n" + output());
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " not ready within " + timeout + "\n" + output());
  }

  String stdout() throws IOException {
    return new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
  }

  String output() throws IOException {
    return "--- "
        + name
        + " stdout ---\n"
        + new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8)
        + "--- "
        + name
        + " stderr ---\n"
        + stderr();
  }

  /** Waits for the process to end by itself; its exit status. */
  int awaitExit(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + "\n" + output());
    }
    return process.exitValue();
  }

  /** SIGTERM, as an operator would stop it; forcibly only if it does not stop. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}

package io.touchline.collector.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The packaged collector jar as a real process, for tests that stop, kill and restart it. */
public final class CollectorProcess implements AutoCloseable {

  public static final Path JAR = Path.of("target", "touchline-collector.jar").toAbsolutePath();
  private static final Pattern READY =
      Pattern.compile(
          "touchline collector ready: otlp-http=(https?://127\\.0\\.0\\.1:\\d+)"
              + " api=(https?://127\\.0\\.0\\.1:\\d+)"
              + " otlp-grpc=(?:https://)?(127\\.0\\.0\\.1:\\d+)");

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  private CollectorProcess(Process process) {
    this.process = process;
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
              lines.add("<end of output>");
            });
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Writes {@code dir/collector.yaml}: every port free (0), the store in {@code dir/data}, then
   * {@code more} (further YAML, e.g. a {@code tls:} section; lines that go on the storage section
   * start with two spaces). Returns its path, for {@code --config}.
   */
  public static Path writeConfig(Path dir, String more) throws IOException {
    Path config = dir.resolve("collector.yaml");
    Files.writeString(
        config,
        "otlp:\n  grpcPort: 0\n  httpPort: 0\napi:\n  port: 0\nstorage:\n  path: "
            + yamlPath(dir.resolve("data"))
            + "\n"
            + more);
    return config;
  }

  /** A path as a YAML value on any platform. */
  public static String yamlPath(Path path) {
    return path.toString().replace("\\", "/");
  }

  /** Starts the jar in {@code workingDir}; its stderr goes to {@code stderr}. */
  public static CollectorProcess launch(Path workingDir, Path stderr, String... args)
      throws IOException {
    return launch(workingDir, stderr, List.of(), args);
  }

  /** The same, with options for the JVM (e.g. {@code -Dname=value}). */
  public static CollectorProcess launch(
      Path workingDir, Path stderr, List<String> jvmOptions, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectError(stderr.toFile())
            .start();
    return new CollectorProcess(process);
  }

  /**
   * Waits for the ready line (the first line of stdout); fails if the process ends or a minute
   * passes. Its groups: the OTLP/HTTP URL, the API URL, the OTLP/gRPC {@code host:port} (the line
   * itself says {@code https://} before it when the port speaks TLS).
   */
  public Matcher awaitReady() throws InterruptedException {
    String line = lines.poll(60, TimeUnit.SECONDS);
    assertThat(line).as("first line of stdout").isNotNull();
    Matcher ready = READY.matcher(line);
    assertThat(ready.matches()).as("ready line: " + line).isTrue();
    return ready;
  }

  /**
   * Waits for a later line of stdout that contains {@code text}, skipping the others; fails if the
   * process ends or {@code seconds} pass.
   */
  public String awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      assertThat(line)
          .as("a line of stdout with \"" + text + "\" within " + seconds + " s")
          .isNotNull();
      assertThat(line)
          .as("stdout ended before a line with \"" + text + "\"")
          .isNotEqualTo("<end of output>");
      if (line.contains(text)) {
        return line;
      }
    }
  }

  public Process process() {
    return process;
  }

  /** SIGKILL: no shutdown hook, no checkpoint. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}

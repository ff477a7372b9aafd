package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static io.touchline.collector.testing.OtlpSpans.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.testing.OtlpSpans;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a real process: ready line, SIGTERM, restart, and config errors. */
class CollectorJarIT {

  private static final Path JAR = Path.of("target", "touchline-collector.jar").toAbsolutePath();
  private static final Pattern READY =
      Pattern.compile("touchline collector ready: otlp-http=(http://127\\.0\\.0\\.1:\\d+) api=(http://127\\.0\\.0\\.1:\\d+) otlp-grpc=127\\.0\\.0\\.1:\\d+");

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Process> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(Process::destroyForcibly);
  }

  private Process launch(Path workingDir, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", JAR.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(workingDir.toFile())
            .redirectError(dir.resolve("stderr-" + processes.size() + ".log").toFile())
            .start();
    processes.add(process);
    return process;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Reads stdout until the ready line; fails if the process ends or a minute passes first. */
  private static Matcher awaitReady(Process process) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
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
    String line = lines.poll(60, TimeUnit.SECONDS);
    assertThat(line).as("first line of stdout").isNotNull();
    Matcher ready = READY.matcher(line);
    assertThat(ready.matches()).as("ready line: " + line).isTrue();
    return ready;
  }

  private void writeConfig(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "bindAddress: 127.0.0.1\notlp:\n  grpcPort: 0\n  httpPort: 0\napi:\n  port: 0\nstorage:\n  path: "
            + dir.resolve("data").toString().replace("\\", "/")
            + "\n");
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAfterTheReadyLineStopsOnSigtermAndKeepsItsDataAcrossRestart() throws Exception {
    Path workingDir = dir.resolve("work");
    writeConfig(workingDir.resolve("config").resolve("collector.yaml")); // found without --config
    Process first = launch(workingDir);
    Matcher ready = awaitReady(first);
    assertThat(get(ready.group(2) + "/api/health").body()).isEqualTo("{\"status\":\"ok\"}");

    OtlpSpans spans = new OtlpSpans();
    byte[] body =
        request(
                List.of(attribute("service.name", "web-shop")),
                spans.span("login", attribute("touchline.touchpoint", "login"), attribute("user.email", "kim@example.com")).build())
            .toByteArray();
    HttpResponse<byte[]> export =
        http.send(
            HttpRequest.newBuilder(URI.create(ready.group(1) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);

    first.destroy(); // SIGTERM
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
    assertThat(Files.readString(dir.resolve("stderr-0.log"))).doesNotContain("Exception");

    Process second = launch(dir, "--config", workingDir.resolve("config/collector.yaml").toString());
    Matcher again = awaitReady(second);
    HttpResponse<String> profile = get(again.group(2) + "/api/profiles?key=email:kim@example.com");
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.body()).contains("\"touchpoint\":\"login\"");
    second.destroy();
    assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aConfigMistakeExitsWith2NamingFileLineAndField() throws Exception {
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, "bindAddress: 127.0.0.1\napi:\n  prot: 8080\n");
    Process process = launch(dir, "--config", config.toString());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    String stderr = Files.readString(dir.resolve("stderr-0.log"));
    assertThat(stderr.strip())
        .isEqualTo("touchline collector: " + config + ":3: api.prot: unknown field; expected one of [port]");
  }

  @Test
  void aMissingConfigFileExitsWith2NamingIt() throws Exception {
    Process process = launch(dir, "--config", "nowhere.yaml");
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("stderr-0.log")))
        .startsWith("touchline collector: nowhere.yaml: cannot read the collector config")
        .doesNotContain("\tat ");
  }
}

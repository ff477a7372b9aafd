package io.touchline.collector;

import static io.touchline.collector.testing.OtlpSpans.attribute;
import static io.touchline.collector.testing.OtlpSpans.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.touchline.collector.testing.CollectorProcess;
import io.touchline.collector.testing.OtlpSpans;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as a real process: ready line, SIGTERM, restart, and config errors. */
class CollectorJarIT {

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<CollectorProcess> processes = new ArrayList<>();

  @AfterEach
  void killLeftovers() {
    processes.forEach(CollectorProcess::close);
  }

  /** Starts the jar; its stderr goes to {@code stderr-<n>.log} in the test's directory. */
  private CollectorProcess launch(Path workingDir, String... args) throws IOException {
    CollectorProcess process =
        CollectorProcess.launch(
            workingDir, dir.resolve("stderr-" + processes.size() + ".log"), args);
    processes.add(process);
    return process;
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
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesAfterTheReadyLineStopsOnSigtermAndKeepsItsDataAcrossRestart() throws Exception {
    Path workingDir = dir.resolve("work");
    writeConfig(workingDir.resolve("config").resolve("collector.yaml")); // found without --config
    CollectorProcess first = launch(workingDir);
    Matcher ready = first.awaitReady();
    // The views' columns may still be reading the (empty) store back: "loading", which is no
    // degradation; the profile index is built before the ready line.
    assertThat(get(ready.group(2) + "/api/health").body())
        .matches(
            "\\{\"status\":\"ok\",\"storage\":\\{\"state\":\"ok\",\"failures\":0,\"reopens\":0},"
                + "\"listeners\":\\["
                + "\\{\"name\":\"views' columns\",\"state\":\"(ok|loading)\",\"failures\":0},"
                + "\\{\"name\":\"profile index\",\"state\":\"ok\",\"failures\":0},"
                + "\\{\"name\":\"live feed\",\"state\":\"ok\",\"failures\":0}]}");

    OtlpSpans spans = new OtlpSpans();
    byte[] body =
        request(
                List.of(attribute("service.name", "web-shop")),
                spans
                    .span(
                        "login",
                        attribute("touchline.touchpoint", "login"),
                        attribute("user.email", "kim@example.com"))
                    .build())
            .toByteArray();
    HttpResponse<byte[]> export =
        http.send(
            HttpRequest.newBuilder(URI.create(ready.group(1) + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(export.statusCode()).isEqualTo(200);

    first.process().destroy(); // SIGTERM
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS))
        .as("stopped within 30 s of SIGTERM")
        .isTrue();
    assertThat(Files.readString(dir.resolve("stderr-0.log"))).doesNotContain("Exception");

    CollectorProcess second =
        launch(dir, "--config", workingDir.resolve("config/collector.yaml").toString());
    Matcher again = second.awaitReady();
    HttpResponse<String> profile = get(again.group(2) + "/api/profiles?key=email:kim@example.com");
    assertThat(profile.statusCode()).isEqualTo(200);
    assertThat(profile.body()).contains("\"touchpoint\":\"login\"");
    second.process().destroy();
    assertThat(second.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aConfigMistakeExitsWith2NamingFileLineAndField() throws Exception {
    Path config = dir.resolve("collector.yaml");
    Files.writeString(config, "bindAddress: 127.0.0.1\napi:\n  prot: 8080\n");
    Process process = launch(dir, "--config", config.toString()).process();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    String stderr = Files.readString(dir.resolve("stderr-0.log"));
    assertThat(stderr.strip())
        .isEqualTo(
            "touchline collector: "
                + config
                + ":3: api.prot: unknown field; expected one of [port]");
  }

  @Test
  void aMissingConfigFileExitsWith2NamingIt() throws Exception {
    Process process = launch(dir, "--config", "nowhere.yaml").process();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(Files.readString(dir.resolve("stderr-0.log")))
        .startsWith("touchline collector: nowhere.yaml: cannot read the collector config")
        .doesNotContain("\tat ");
  }
}

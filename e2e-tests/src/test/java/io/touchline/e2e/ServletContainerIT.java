package io.touchline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a servlet container: embedded Tomcat deploys a WAR whose classes load through
 * Tomcat's child-first webapp class loader. A request's touchpoint reaches the real collector once,
 * and the web application answers as it does without the agent.
 */
class ServletContainerIT {

  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path tmp;

  @Test
  void aWebApplicationsClassesAreInterceptedThroughTheContainersWebappLoader() throws Exception {
    Path logs =
        Paths.get(System.getProperty("e2e.logs", "target/e2e-logs")).resolve("ServletContainerIT");
    try (RunningCollector collector = RunningCollector.start(tmp, logs)) {
      Path agentConfig = tmp.resolve("agent.yaml");
      Files.writeString(
          agentConfig,
          String.join(
              "\n",
              "service: accounts-webapp",
              "channel: web",
              "export:",
              "  endpoint: " + collector.otlp(),
              "  flushInterval: 100ms",
              "touchpoints:",
              "  - name: login",
              "    class: com.acme.webapp.AccountService",
              "    method: login",
              "    keys:",
              "      email: args[0]",
              "      customer_id: return",
              ""),
          StandardCharsets.UTF_8);
      List<String> server =
          List.of(
              "-jar",
              System.getProperty("fixture.servlet.server.jar"),
              System.getProperty("fixture.servlet.war"),
              "/accounts");
      String alone;
      try (JvmProcess plain = JvmProcess.start("tomcat-alone", logs, Map.of(), server)) {
        alone =
            login(
                plain.awaitLine(LISTENING, Duration.ofSeconds(60)).group(1), "Ann.Lee@example.com");
      }
      assertThat(alone).endsWith(" org.apache.catalina.loader.ParallelWebappClassLoader\n");

      List<String> withAgent = new java.util.ArrayList<>();
      withAgent.add(
          "-javaagent:" + System.getProperty("touchline.agent.jar") + "=config=" + agentConfig);
      withAgent.addAll(server);
      try (JvmProcess tomcat = JvmProcess.start("tomcat", logs, Map.of(), withAgent)) {
        String url = tomcat.awaitLine(LISTENING, Duration.ofSeconds(60)).group(1);
        assertThat(login(url, "Ann.Lee@example.com")).isEqualTo(alone);
        login(url, "bob@example.com");

        HttpJson api = new HttpJson(collector.api());
        for (String email : List.of("ann.lee@example.com", "bob@example.com")) {
          JsonNode profile = awaitProfile(api, email);
          assertThat(profile.get("touchpointCount").asLong()).as(email).isEqualTo(1);
          JsonNode touchpoint = profile.get("touchpoints").get(0);
          assertThat(touchpoint.get("service").asText()).isEqualTo("accounts-webapp");
          assertThat(touchpoint.get("keys").get("customer_id").asText())
              .isEqualTo("C-" + Math.abs(email.toLowerCase(Locale.ROOT).hashCode() % 1000));
          assertThat(touchpoint.get("attributes").get("code.function.name").asText())
              .isEqualTo("com.acme.webapp.AccountService.login");
        }
        assertThat(tomcat.stderr())
            .contains("[touchline] INFO instrumented com.acme.webapp.AccountService")
            .doesNotContain("could not instrument");
      }
    }
  }

  private static String login(String url, String email) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/login?email=" + email)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static JsonNode awaitProfile(HttpJson api, String email) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      HttpJson.Answer answer = api.get("/api/profiles?key=email:" + email);
      if (answer.status() == 200 || System.nanoTime() > deadline) {
        assertThat(answer.status()).as("profile of " + email).isEqualTo(200);
        return answer.body();
      }
      Thread.sleep(50);
    }
  }
}

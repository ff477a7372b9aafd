package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.simulator.journey.App;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The generator's spans against the demo's agent configs themselves: every configured touchpoint is
 * generated, with the key types and attributes its config captures. (DemoIT compares them with what
 * the real agents export.)
 */
class AgentConfigShapeTest {

  private static final Map<String, String> CONFIGS =
      Map.of(
          "web-shop", "agent.yaml",
          "call-center", "agent-call-center.yaml",
          "mobile-backend", "agent-mobile.yaml",
          "mailer", "agent-mailer.yaml");

  /** Attributes the agent writes on every span, whatever the config captures. */
  private static final List<String> AGENT_OWN =
      List.of(
          "code.function.name",
          "touchline.config.version",
          "touchline.outcome",
          "touchline.touchpoint");

  private static final SortedSet<SpanShape> GENERATED =
      SpanShapes.of(Histories.NINETY_DAYS.requests());

  @Test
  void everyTouchpointOfTheDemoConfigsIsGeneratedWithTheKeysAndAttributesItCaptures()
      throws IOException {
    int touchpoints = 0;
    for (Map.Entry<String, String> config : CONFIGS.entrySet()) {
      Map<String, Object> yaml = read(config.getValue());
      assertThat(yaml.get("service")).isEqualTo(config.getKey());
      for (Object entry : (List<?>) yaml.get("touchpoints")) {
        Map<?, ?> touchpoint = (Map<?, ?>) entry;
        String name = (String) touchpoint.get("name");
        SortedSet<String> keys =
            new TreeSet<>(
                ((Map<?, ?>) touchpoint.get("keys"))
                    .keySet().stream().map(String::valueOf).toList());
        SortedSet<String> attributes =
            new TreeSet<>(
                ((Map<?, ?>) touchpoint.get("attributes"))
                    .keySet().stream().map(String::valueOf).toList());
        List<SpanShape> shapes =
            GENERATED.stream()
                .filter(s -> s.service().equals(config.getKey()) && s.touchpoint().equals(name))
                .toList();
        assertThat(shapes).as(config.getKey() + " " + name + " is generated").isNotEmpty();
        for (SpanShape shape : shapes) {
          SortedSet<String> captured =
              new TreeSet<>(
                  shape.attributes().stream().map(a -> a.substring(0, a.indexOf(':'))).toList());
          captured.removeAll(AGENT_OWN);
          if (shape.outcome().equals("success")) {
            assertThat(shape.keyTypes()).as(shape.touchpointOf()).containsExactlyElementsOf(keys);
            assertThat(captured).as(shape.touchpointOf()).containsExactlyElementsOf(attributes);
          } else {
            // A method that threw has no return value: what the config reads from it is absent.
            assertThat(keys).as(shape.touchpointOf()).containsAll(shape.keyTypes());
            assertThat(attributes).as(shape.touchpointOf()).containsAll(captured);
          }
          assertThat(shape.channel()).isEqualTo(yaml.get("channel"));
        }
        touchpoints++;
      }
    }
    assertThat(touchpoints).isEqualTo(22);
    assertThat(GENERATED.stream().map(SpanShape::touchpointOf).collect(Collectors.toSet()))
        .as("the touchpoints and outcomes generated: each configured one, and the declined order")
        .hasSize(23);
  }

  @Test
  void theConfigVersionIsTheHashOfTheRepositorysConfigFileAsTheAgentComputesIt() throws Exception {
    AgentResources agents = new AgentResources();
    for (App app : App.values()) {
      Path file = Path.of("..", "config", CONFIGS.get(app.service()));
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
      assertThat(agents.configVersion(app)).isEqualTo(HexFormat.of().formatHex(digest, 0, 6));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String file) throws IOException {
    try (InputStream in = AgentResources.class.getResourceAsStream("config/" + file)) {
      assertThat(in).as("bundled " + file).isNotNull();
      return new Yaml().load(in);
    }
  }
}

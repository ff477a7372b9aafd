package io.touchline.bench.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ground truth written beside the requests says who caused every span, as the simulator's. */
class TruthFileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  @Test
  void everySpanIsOnTheTruthLineOfItsInteraction() throws Exception {
    Path file = tmp.resolve("truth.jsonl");
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    try (TruthWriter truth = new TruthWriter(file)) {
      Histories.ninetyDays(60, 5).requests(truth).forEachRemaining(requests::add);
    }
    Map<String, JsonNode> lines = new HashMap<>();
    long expectedTouchpoints = 0;
    for (String line : Files.readAllLines(file)) {
      JsonNode node = JSON.readTree(line);
      List<String> fields = new ArrayList<>();
      node.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactly(
              "interaction",
              "customer",
              "scenario",
              "app",
              "channel",
              "request",
              "status",
              "touchpoints");
      lines.put(node.get("interaction").asText(), node);
      expectedTouchpoints += node.get("touchpoints").size();
    }

    Map<String, List<String>> seen = new HashMap<>();
    long spans = 0;
    for (ExportTraceServiceRequest request : requests) {
      for (ResourceSpans resource : request.getResourceSpansList()) {
        String service = string(resource.getResource().getAttributesList(), "service.name");
        String channel = string(resource.getResource().getAttributesList(), "touchline.channel");
        for (Span span : resource.getScopeSpans(0).getSpansList()) {
          spans++;
          String interaction = string(span.getAttributesList(), "demo.interaction");
          JsonNode line = lines.get(interaction);
          assertThat(line).as("truth line of " + interaction).isNotNull();
          assertThat(line.get("app").asText()).isEqualTo(service);
          assertThat(line.get("channel").asText()).isEqualTo(channel);
          seen.computeIfAbsent(interaction, i -> new ArrayList<>()).add(span.getName());
        }
      }
    }
    assertThat(spans).isEqualTo(expectedTouchpoints);
    seen.forEach(
        (interaction, names) -> {
          List<String> expected = new ArrayList<>();
          lines.get(interaction).get("touchpoints").forEach(t -> expected.add(t.asText()));
          assertThat(names).as(interaction).containsExactlyInAnyOrderElementsOf(expected);
        });
  }

  @Test
  void theTruthNamesThePersonAtTheKeyboard() {
    // On a kiosk, two people use one browser: each request is the one who made it.
    Iterator<GeneratedInteraction> all = Histories.interactions().iterator();
    int handovers = 0;
    while (all.hasNext()) {
      GeneratedInteraction i = all.next();
      var line = TruthWriter.line(i);
      assertThat(line.customer()).isEqualTo(i.actor().customerNumber());
      assertThat(line.touchpoints()).isEqualTo(i.touchpoints());
      if (i.request().equals("POST /login") && i.scenario().label().equals("kiosk")) {
        handovers++;
      }
    }
    assertThat(handovers).isGreaterThan(2);
  }

  private static String string(List<KeyValue> attributes, String key) {
    return attributes.stream()
        .filter(a -> a.getKey().equals(key))
        .findFirst()
        .map(a -> a.getValue().getStringValue())
        .orElse(null);
  }
}

package com.acme.simulator.accuracy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** The simulator's ground truth: who did each interaction, and which touchpoints it should give. */
final class TruthFile {

  /** One interaction of the truth file. */
  record Interaction(String id, String customer, String channel, int expectedTouchpoints) {}

  private final Map<String, Interaction> byId;
  private final Map<String, Long> expectedPerChannel;

  private TruthFile(Map<String, Interaction> byId, Map<String, Long> expectedPerChannel) {
    this.byId = byId;
    this.expectedPerChannel = expectedPerChannel;
  }

  /**
   * @throws IllegalArgumentException naming the file and line of a line that is not an interaction
   */
  static TruthFile read(Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, Interaction> byId = new HashMap<>();
    Map<String, Long> expected = new TreeMap<>();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(
              file + ":" + number + ": not JSON: " + e.getMessage(), e);
        }
        String id = text(node, "interaction", file, number);
        String customer = text(node, "customer", file, number);
        String channel = text(node, "channel", file, number);
        int touchpoints = node.path("touchpoints").size();
        byId.put(id, new Interaction(id, customer, channel, touchpoints));
        expected.merge(channel, (long) touchpoints, Long::sum);
      }
    }
    return new TruthFile(byId, expected);
  }

  private static String text(JsonNode node, String field, Path file, int line) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual() || value.asText().isEmpty()) {
      throw new IllegalArgumentException(
          file + ":" + line + ": field '" + field + "' is missing or not a string");
    }
    return value.asText();
  }

  Interaction find(String interactionId) {
    return byId.get(interactionId);
  }

  int interactions() {
    return byId.size();
  }

  /** Touchpoints the interactions should have produced, per channel. */
  Map<String, Long> expectedPerChannel() {
    return expectedPerChannel;
  }
}

package com.acme.simulator.journey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.BiConsumer;

/** Reading ids out of the apps' JSON answers, for later steps. */
final class Answers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  static final BiConsumer<Memory, Action.Answer> NOTHING = (memory, answer) -> {};

  /** Keeps the answer's JSON field {@code field} as {@code name}. */
  static BiConsumer<Memory, Action.Answer> keep(String field, String name) {
    return (memory, answer) -> memory.put(name, field(answer.body(), field));
  }

  static String field(String json, String field) {
    try {
      JsonNode value = JSON.readTree(json).get(field);
      if (value == null || value.isNull()) {
        throw new IllegalStateException("the answer has no " + field + ": " + json);
      }
      return value.asText();
    } catch (IOException e) {
      throw new UncheckedIOException("the answer is not JSON: " + json, e);
    }
  }

  static String json(String... namesAndValues) {
    com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      node.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return node.toString();
  }
}

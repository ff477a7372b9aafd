package io.touchline.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.model.Touchpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A touchpoint as one JSON document in its row: everything the API shows of it, so reading a
 * timeline decompresses one column per row instead of ten. Keys are {@code [[type, value], ...]}
 * (several values of one type keep their order); attributes keep their JSON types.
 */
final class TouchpointDocument {

  /**
   * Integers come back as Long, as OTLP sent them: attributes keep their type through the store.
   * Reads without Jackson's read limits (see {@link StoredJson}): a stored row is always readable.
   */
  private static final ObjectMapper JSON =
      StoredJson.mapper().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();

  /** The stored form. */
  private record Document(
      String traceId,
      String spanId,
      long eventNanos,
      String touchpoint,
      String channel,
      String service,
      String outcome,
      Map<String, Object> attributes,
      List<List<String>> keys) {}

  private TouchpointDocument() {}

  static String write(Touchpoint touchpoint) {
    List<List<String>> keys = new ArrayList<>();
    touchpoint
        .keys()
        .forEach((type, values) -> values.forEach(value -> keys.add(List.of(type, value))));
    try {
      return JSON.writeValueAsString(
          new Document(
              touchpoint.traceId(),
              touchpoint.spanId(),
              touchpoint.eventTimeNanos(),
              touchpoint.touchpoint(),
              touchpoint.channel(),
              touchpoint.service(),
              touchpoint.outcome(),
              touchpoint.attributes(),
              keys));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "the touchpoint cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  static Touchpoint read(String json) {
    Document document;
    try {
      document = JSON.readValue(json, Document.class);
    } catch (JsonProcessingException e) {
      throw new StoreException("a stored touchpoint is not readable: " + e.getOriginalMessage(), e);
    }
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (List<String> pair : document.keys()) {
      keys.computeIfAbsent(pair.get(0), type -> new ArrayList<>()).add(pair.get(1));
    }
    return new Touchpoint(
        document.traceId(),
        document.spanId(),
        document.eventNanos(),
        document.touchpoint(),
        document.channel(),
        document.service(),
        document.outcome(),
        keys,
        document.attributes() == null ? Map.of() : new LinkedHashMap<>(document.attributes()));
  }
}

package io.touchline.collector.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/** A stored attribute value (JSON) as the views show it: text, a number, items joined by commas. */
final class AttributeText {

  /** Reads stored values without Jackson's read limits (see {@link StoredJson}). */
  private static final ObjectMapper JSON = StoredJson.mapper().build();

  private AttributeText() {}

  static String of(String json) {
    try {
      JsonNode node = JSON.readTree(json);
      if (node.isArray()) {
        List<String> items = new ArrayList<>();
        node.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
      }
      return node.isValueNode() ? node.asText() : node.toString();
    } catch (JsonProcessingException e) {
      return json;
    }
  }
}

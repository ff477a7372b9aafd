package io.touchline.bench.journeys;

import io.touchline.keys.Normalization;
import io.touchline.keys.Placeholders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keys of one span, turned into what the agent sends: each raw value normalised with its type's
 * default steps (the keys module the agent uses), placeholders dropped, a value repeated within a
 * type sent once. The demo's configs send keys in clear, so nothing is hashed.
 */
final class AgentKeys {

  private final Map<String, Set<String>> byType = new LinkedHashMap<>();

  private AgentKeys() {}

  static AgentKeys of(String type, String... raws) {
    return new AgentKeys().and(type, raws);
  }

  AgentKeys and(String type, String... raws) {
    for (String raw : raws) {
      if (raw == null) {
        continue; // a path that read null: the agent sends nothing for it
      }
      String normalized = Normalization.normalize(type, raw);
      if (!Placeholders.defaults().isPlaceholder(raw, normalized)) {
        byType.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(normalized);
      }
    }
    return this;
  }

  Map<String, List<String>> values() {
    Map<String, List<String>> values = new LinkedHashMap<>();
    byType.forEach((type, set) -> values.put(type, List.copyOf(new ArrayList<>(set))));
    return values;
  }
}

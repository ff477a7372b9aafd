package io.touchline.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The options after {@code -javaagent:touchline-agent.jar=}, as {@code key=value} pairs separated
 * by commas, e.g. {@code config=/etc/touchline/agent.yaml}.
 */
final class AgentArguments {

  static final String CONFIG = "config";

  private final Map<String, String> values;

  private AgentArguments(Map<String, String> values) {
    this.values = values;
  }

  static AgentArguments parse(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw != null) {
      for (String part : raw.split(",")) {
        String trimmed = part.trim();
        if (trimmed.isEmpty()) {
          continue;
        }
        int eq = trimmed.indexOf('=');
        if (eq < 0) {
          // A bare value is taken as the config path: the common case needs no key.
          values.put(CONFIG, trimmed);
        } else {
          values.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
        }
      }
    }
    return new AgentArguments(Collections.unmodifiableMap(values));
  }

  String get(String key) {
    return values.get(key);
  }
}

package io.touchline.agent.capture;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/** The keys (normalised, placeholders removed) and typed attributes read from one call. */
public final class CapturedValues {

  private final Map<String, List<String>> keys;
  private final Map<String, Object> attributes;
  private final int placeholdersDropped;

  CapturedValues(Map<String, List<String>> keys, Map<String, Object> attributes, int placeholders) {
    this.keys = Collections.unmodifiableMap(keys);
    this.attributes = Collections.unmodifiableMap(attributes);
    this.placeholdersDropped = placeholders;
  }

  public Map<String, List<String>> keys() {
    return keys;
  }

  /** Values are Boolean, Long, Double or String. */
  public Map<String, Object> attributes() {
    return attributes;
  }

  public int placeholdersDropped() {
    return placeholdersDropped;
  }
}

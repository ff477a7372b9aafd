package io.touchline.agent.capture;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The raw values read from one call. Turning them into what a span carries — keys normalised with
 * placeholders removed, attributes typed — happens on first use, on the export thread.
 */
public final class CapturedValues {

  private final KeySpec[] keySpecs;
  private final Object[] keyValues;
  private final KeyRules rules;
  private final String[] attributeNames;
  private final Object[] attributeValues;
  private Map<String, List<String>> keys;
  private Map<String, Object> attributes;
  private int placeholdersDropped;

  CapturedValues(
      KeySpec[] keySpecs,
      Object[] keyValues,
      KeyRules rules,
      String[] attributeNames,
      Object[] attributeValues) {
    this.keySpecs = keySpecs;
    this.keyValues = keyValues;
    this.rules = rules;
    this.attributeNames = attributeNames;
    this.attributeValues = attributeValues;
  }

  /**
   * Normalised key values by type, in config order; placeholders removed (checked before hashing),
   * duplicates once, hashed where the key says so.
   */
  public synchronized Map<String, List<String>> keys() {
    if (keys == null) {
      Map<String, Set<String>> byType = new LinkedHashMap<>();
      for (int i = 0; i < keyValues.length; i++) {
        List<String> raws = new ArrayList<>();
        flatten(keyValues[i], raws);
        KeySpec spec = keySpecs[i];
        for (String raw : raws) {
          String normalized = spec.normalize(raw);
          if (rules.isPlaceholder(raw, normalized)) {
            placeholdersDropped++;
          } else {
            String sent = spec.hashed() ? rules.hash(normalized) : normalized;
            byType.computeIfAbsent(spec.type(), t -> new LinkedHashSet<>()).add(sent);
          }
        }
      }
      Map<String, List<String>> result = new LinkedHashMap<>();
      for (Map.Entry<String, Set<String>> entry : byType.entrySet()) {
        result.put(entry.getKey(), Collections.unmodifiableList(new ArrayList<>(entry.getValue())));
      }
      keys = Collections.unmodifiableMap(result);
    }
    return keys;
  }

  /** Attribute values as Boolean, Long, Double or String; absent ones left out. */
  public synchronized Map<String, Object> attributes() {
    if (attributes == null) {
      Map<String, Object> result = new LinkedHashMap<>();
      for (int i = 0; i < attributeValues.length; i++) {
        Object value = AttributeValues.coerce(attributeValues[i]);
        if (value != null) {
          result.put(attributeNames[i], value);
        }
      }
      attributes = Collections.unmodifiableMap(result);
    }
    return attributes;
  }

  /** Key values dropped as placeholders (known once {@link #keys()} ran). */
  public synchronized int placeholdersDropped() {
    keys();
    return placeholdersDropped;
  }

  private static void flatten(Object value, List<String> out) {
    if (value instanceof Object[]) {
      for (Object element : (Object[]) value) {
        flatten(element, out);
      }
    } else if (value != null) {
      String text = AttributeValues.text(value);
      if (text != null) {
        out.add(text);
      }
    }
  }
}

package io.touchline.agent.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one touchpoint reads from a call: customer keys by type (several paths may feed one type)
 * and named attributes. Immutable; built from the config once, applied on every call.
 */
public final class CapturePlan {

  private final Map<String, List<PathExpression>> keys;
  private final Map<String, PathExpression> attributes;

  public CapturePlan(Map<String, List<PathExpression>> keys, Map<String, PathExpression> attributes) {
    this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  public Map<String, List<PathExpression>> keys() {
    return keys;
  }

  public Map<String, PathExpression> attributes() {
    return attributes;
  }

  /** Reads keys and attributes of one call. Never throws; values that are absent are skipped. */
  public CapturedValues capture(Invocation invocation) {
    Map<String, List<String>> keyValues = new LinkedHashMap<>();
    int placeholders = 0;
    for (Map.Entry<String, List<PathExpression>> entry : keys.entrySet()) {
      String type = entry.getKey();
      Set<String> values = new LinkedHashSet<>();
      for (PathExpression path : entry.getValue()) {
        List<String> raws = new ArrayList<>();
        flatten(path.read(invocation), raws);
        for (String raw : raws) {
          String normalized = KeyNormalization.normalize(type, raw);
          if (Placeholders.isPlaceholder(raw, normalized)) {
            placeholders++;
          } else {
            values.add(normalized);
          }
        }
      }
      if (!values.isEmpty()) {
        keyValues.put(type, Collections.unmodifiableList(new ArrayList<>(values)));
      }
    }
    Map<String, Object> attributeValues = new LinkedHashMap<>();
    for (Map.Entry<String, PathExpression> entry : attributes.entrySet()) {
      Object value = AttributeValues.coerce(entry.getValue().read(invocation));
      if (value != null) {
        attributeValues.put(entry.getKey(), value);
      }
    }
    return new CapturedValues(keyValues, attributeValues, placeholders);
  }

  /** A path may yield one value or a collection/array of them: several keys of one type. */
  private static void flatten(Object value, List<String> out) {
    if (value == null) {
      return;
    }
    if (value instanceof Collection) {
      for (Object element : (Collection<?>) value) {
        addText(element, out);
      }
    } else if (value instanceof Object[]) {
      for (Object element : (Object[]) value) {
        addText(element, out);
      }
    } else {
      addText(value, out);
    }
  }

  private static void addText(Object value, List<String> out) {
    String text = AttributeValues.text(value);
    if (text != null) {
      out.add(text);
    }
  }
}

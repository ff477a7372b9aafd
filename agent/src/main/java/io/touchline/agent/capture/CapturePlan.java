package io.touchline.agent.capture;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one touchpoint reads from a call: customer keys by type (several paths may feed one type)
 * and named attributes. Immutable; built from the config once, applied on every call.
 *
 * <p>{@link #capture} runs on the application's thread and only reads: each path's value is kept as
 * it is when it cannot change later (strings, numbers, booleans) and turned into text at once
 * otherwise. Normalising, dropping placeholders and typing happen later, off that thread, in {@link
 * CapturedValues}.
 */
public final class CapturePlan {

  private final Map<String, List<PathExpression>> keys;
  private final Map<String, PathExpression> attributes;
  private final KeyRules rules;
  // The same, flattened into arrays for the per-call loop.
  private final KeySpec[] keySpecs;
  private final PathExpression[] keyPaths;
  private final String[] attributeNames;
  private final PathExpression[] attributePaths;

  /** Keys with their types' default normalisation, not hashed, and the default placeholders. */
  public CapturePlan(
      Map<String, List<PathExpression>> keys, Map<String, PathExpression> attributes) {
    this(defaultSpecs(keys), attributes, KeyRules.defaults());
  }

  public CapturePlan(
      List<KeySpec> keySpecs, Map<String, PathExpression> attributes, KeyRules rules) {
    Map<String, List<PathExpression>> keysByType = new LinkedHashMap<>();
    List<KeySpec> specs = new ArrayList<>();
    List<PathExpression> paths = new ArrayList<>();
    for (KeySpec spec : keySpecs) {
      keysByType.put(spec.type(), spec.paths());
      for (PathExpression path : spec.paths()) {
        specs.add(spec);
        paths.add(path);
      }
    }
    this.keys = Collections.unmodifiableMap(keysByType);
    this.attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    this.rules = rules;
    this.keySpecs = specs.toArray(new KeySpec[0]);
    this.keyPaths = paths.toArray(new PathExpression[0]);
    this.attributeNames = attributes.keySet().toArray(new String[0]);
    this.attributePaths = attributes.values().toArray(new PathExpression[0]);
  }

  public Map<String, List<PathExpression>> keys() {
    return keys;
  }

  public Map<String, PathExpression> attributes() {
    return attributes;
  }

  /** Reads the values of one call. Never throws; absent values are null. */
  public CapturedValues capture(Invocation invocation) {
    Object[] keyValues = new Object[keyPaths.length];
    for (int i = 0; i < keyPaths.length; i++) {
      keyValues[i] = snapshot(keyPaths[i].read(invocation), true);
    }
    Object[] attributeValues = new Object[attributePaths.length];
    for (int i = 0; i < attributePaths.length; i++) {
      attributeValues[i] = snapshot(attributePaths[i].read(invocation), false);
    }
    return new CapturedValues(keySpecs, keyValues, rules, attributeNames, attributeValues);
  }

  private static List<KeySpec> defaultSpecs(Map<String, List<PathExpression>> keys) {
    List<KeySpec> specs = new ArrayList<>();
    for (Map.Entry<String, List<PathExpression>> entry : keys.entrySet()) {
      specs.add(new KeySpec(entry.getKey(), entry.getValue(), null, false));
    }
    return specs;
  }

  /**
   * A value that stays as it is now: immutable ones as they are, anything else as text (or, for a
   * key, the elements of a collection or array), read now because the object may change later.
   */
  private static Object snapshot(Object value, boolean elements) {
    if (value == null || isImmutable(value)) {
      return value;
    }
    if (elements && value instanceof Collection) {
      Collection<?> collection = (Collection<?>) value;
      Object[] copy = new Object[collection.size()];
      int i = 0;
      for (Object element : collection) {
        if (i == copy.length) {
          break; // modified while we read it
        }
        copy[i++] = snapshot(element, false);
      }
      return copy;
    }
    if (elements && value instanceof Object[]) {
      Object[] array = (Object[]) value;
      Object[] copy = new Object[array.length];
      for (int i = 0; i < array.length; i++) {
        copy[i] = snapshot(array[i], false);
      }
      return copy;
    }
    return AttributeValues.text(value);
  }

  private static boolean isImmutable(Object value) {
    return value instanceof String
        || value instanceof Boolean
        || value instanceof Long
        || value instanceof Integer
        || value instanceof Double
        || value instanceof Short
        || value instanceof Byte
        || value instanceof Float
        || value instanceof Character
        || value instanceof java.math.BigDecimal
        || value instanceof java.math.BigInteger
        || value instanceof Enum;
  }
}

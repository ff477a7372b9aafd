package io.touchline.collector.stitch;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A value per key number, in an array: keys are numbered densely from 0, so a lookup is an index
 * rather than a hash probe. The profile index reads these tables for every touchpoint it places; as
 * hash maps they were a quarter of the rebuild's time (profiled at 2M touchpoints).
 */
final class KeyTable<T> {

  private Object[] values = new Object[1024];

  @SuppressWarnings("unchecked")
  T get(int key) {
    return key < values.length ? (T) values[key] : null;
  }

  boolean containsKey(int key) {
    return get(key) != null;
  }

  /** Sets the key's value; returns the one it had, or null. */
  T put(int key, T value) {
    if (key >= values.length) {
      values = Arrays.copyOf(values, Math.max(key + 1, values.length + (values.length >> 1)));
    }
    T old = get(key);
    values[key] = value;
    return old;
  }

  /** Clears the key's value; returns the one it had, or null. */
  T remove(int key) {
    T old = get(key);
    if (old != null) {
      values[key] = null;
    }
    return old;
  }

  T computeIfAbsent(int key, IntFunction<T> make) {
    T value = get(key);
    if (value == null) {
      value = make.apply(key);
      put(key, value);
    }
    return value;
  }

  /** Visits every key that has a value. */
  void forEach(java.util.function.ObjIntConsumer<T> visitor) {
    Object[] all = values;
    for (int key = 0; key < all.length; key++) {
      if (all[key] != null) {
        @SuppressWarnings("unchecked")
        T value = (T) all[key];
        visitor.accept(value, key);
      }
    }
  }

  void clear() {
    values = new Object[1024];
  }
}

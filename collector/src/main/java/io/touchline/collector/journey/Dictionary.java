package io.touchline.collector.journey;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;

/**
 * Names (channels, services, touchpoints, attribute values) as small numbers, so that columns hold
 * a number per touchpoint instead of a string. Codes are dense from 0 and never reused. Written by
 * the store's writer (and a loader after a start) while queries read: a code is published before
 * any column names it. Past {@code limit} names, new ones share the code of {@link #OTHER}, so that
 * codes fit the columns' 16 bits whatever the spans are named.
 */
final class Dictionary {

  static final int ABSENT = -1;

  /** The name every name past the limit is counted under. */
  static final String OTHER = "(other)";

  private final int limit;
  private final Object2IntOpenHashMap<String> codes = new Object2IntOpenHashMap<>();

  /** Names by code; only the first {@link #size} are set. Grown by copying, read without a lock. */
  private volatile String[] names = new String[16];

  private volatile int size;

  Dictionary(int limit) {
    this.limit = limit;
    codes.defaultReturnValue(ABSENT);
  }

  /** The name's code, adding it when new. */
  synchronized int codeOf(String name) {
    int code = codes.getInt(name);
    if (code != ABSENT) {
      return code;
    }
    if (size >= limit - 1 && !name.equals(OTHER)) {
      return codeOf(OTHER);
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2);
    }
    names[size] = name;
    codes.put(name, size);
    return size++;
  }

  /** The name's code, or {@link #ABSENT} when no touchpoint has it. */
  synchronized int find(String name) {
    return codes.getInt(name);
  }

  String name(int code) {
    return names[code];
  }

  int size() {
    return size;
  }

  List<String> names() {
    int n = size;
    return List.of(Arrays.copyOf(names, n));
  }
}

package io.touchline.collector.journey;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Names (channels, services, touchpoints, attribute values) as small numbers, so that columns
 * hold a number per touchpoint instead of a string. Codes are dense from 0 and never reused.
 * Written by one thread (the store's writer) while queries read: a code is published before any
 * column names it.
 */
final class Dictionary {

  static final int ABSENT = -1;

  private final Object2IntOpenHashMap<String> codes = new Object2IntOpenHashMap<>();
  private volatile List<String> names = List.of();

  Dictionary() {
    codes.defaultReturnValue(ABSENT);
  }

  /** The name's code, adding it when new. */
  synchronized int codeOf(String name) {
    int code = codes.getInt(name);
    if (code == ABSENT) {
      code = names.size();
      List<String> more = new ArrayList<>(names.size() + 1);
      more.addAll(names);
      more.add(name);
      names = List.copyOf(more);
      codes.put(name, code);
    }
    return code;
  }

  /** The name's code, or {@link #ABSENT} when no touchpoint has it. */
  synchronized int find(String name) {
    return codes.getInt(name);
  }

  String name(int code) {
    return names.get(code);
  }

  int size() {
    return names.size();
  }

  List<String> names() {
    return names;
  }
}

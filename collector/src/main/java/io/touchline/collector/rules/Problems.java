package io.touchline.collector.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The mistakes found in one file, each with its field. Checking goes on after a mistake, so that
 * one load (or one {@code check-rules}) names them all rather than one per attempt.
 */
final class Problems {

  /** A problem at a field. */
  record Problem(FieldPath path, String message) {}

  private final List<Problem> found = new ArrayList<>();

  void add(FieldPath path, String message) {
    found.add(new Problem(path, message));
  }

  /**
   * The value {@code read} gives, or null when it refuses it (an {@link IllegalArgumentException}
   * whose message is the problem).
   */
  <T> T read(FieldPath path, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      add(path, e.getMessage());
      return null;
    }
  }

  /** A field that must be there. */
  boolean required(FieldPath path, Object value, String what) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      add(path, "required: " + what);
      return false;
    }
    return true;
  }

  int count() {
    return found.size();
  }

  List<Problem> all() {
    return List.copyOf(found);
  }
}

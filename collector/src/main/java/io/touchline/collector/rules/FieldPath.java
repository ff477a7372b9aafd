package io.touchline.collector.rules;

import java.util.ArrayList;
import java.util.List;

/** Where a value sits in the file: {@code rules[2].action.target}, as names and list indexes. */
final class FieldPath {

  static final FieldPath ROOT = new FieldPath(List.of());

  private final List<Object> steps;

  private FieldPath(List<Object> steps) {
    this.steps = steps;
  }

  FieldPath field(String name) {
    return with(name);
  }

  FieldPath index(int index) {
    return with(index);
  }

  private FieldPath with(Object step) {
    List<Object> longer = new ArrayList<>(steps);
    longer.add(step);
    return new FieldPath(List.copyOf(longer));
  }

  List<Object> steps() {
    return steps;
  }

  @Override
  public String toString() {
    StringBuilder label = new StringBuilder();
    for (Object step : steps) {
      if (step instanceof Integer index) {
        label.append('[').append(index).append(']');
      } else {
        label.append(label.length() == 0 ? "" : ".").append(step);
      }
    }
    return label.toString();
  }
}

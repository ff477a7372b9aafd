package io.touchline.collector.config;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds a field in a YAML text, so a binding error can point at its line and say what was there:
 * Jackson's own location is wherever its parser stood, often a line past the field.
 */
final class YamlLines {

  private YamlLines() {}

  /** Where the walk down a path ended: the line of the last step found, and its value's node. */
  private record Found(int line, Node value, boolean complete) {}

  /**
   * The 1-based line of the field at {@code path} (names, or indexes for lists), if it is there.
   */
  static OptionalInt lineOf(String yaml, List<Object> path) {
    return walk(yaml, path)
        .filter(f -> f.line() >= 1)
        .map(f -> OptionalInt.of(f.line()))
        .orElse(OptionalInt.empty());
  }

  /**
   * What the field at {@code path} holds, for a message: {@code '5'}, {@code a list}, {@code a
   * mapping}.
   */
  static Optional<String> describeValue(String yaml, List<Object> path) {
    return walk(yaml, path)
        .filter(Found::complete)
        .map(
            f -> {
              if (f.value() instanceof ScalarNode scalar) {
                return scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    ? "'" + scalar.getValue() + "'"
                    : "the quoted text "
                        + scalar.getScalarStyle().getChar()
                        + scalar.getValue()
                        + scalar.getScalarStyle().getChar();
              }
              return f.value() instanceof SequenceNode ? "a list" : "a mapping";
            });
  }

  /**
   * The path as a field name: {@code rules[2].action.target}. An index where the file holds a
   * single value instead of a list (a field that takes either) is left out, so the name is what the
   * file says.
   */
  static String label(String yaml, List<Object> path) {
    Node node = compose(yaml);
    StringBuilder label = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer index) {
        if (node == null || node instanceof SequenceNode) {
          label.append('[').append(index).append(']');
        }
      } else {
        label.append(label.length() == 0 ? "" : ".").append(step);
      }
      node = child(node, step);
    }
    return label.toString();
  }

  private static Node compose(String yaml) {
    try {
      return new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The node at one step down, or null. A single value stands for a list of itself. */
  private static Node child(Node node, Object step) {
    if (node instanceof MappingNode mapping && step instanceof String name) {
      Node found = null;
      for (NodeTuple tuple : mapping.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
          found = tuple.getValueNode();
        }
      }
      return found;
    }
    if (node instanceof SequenceNode sequence && step instanceof Integer index) {
      return index < sequence.getValue().size() ? sequence.getValue().get(index) : null;
    }
    if (node != null && Integer.valueOf(0).equals(step)) {
      return node;
    }
    return null;
  }

  private static Optional<Found> walk(String yaml, List<Object> path) {
    Node node = compose(yaml);
    if (node == null) {
      return Optional.empty();
    }
    int line = node.getStartMark().getLine() + 1;
    for (Object step : path) {
      if (node instanceof MappingNode mapping && step instanceof String name) {
        NodeTuple found = null;
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
            found = tuple;
          }
        }
        if (found == null) {
          return Optional.of(new Found(line, node, false));
        }
        line = found.getKeyNode().getStartMark().getLine() + 1;
        node = found.getValueNode();
      } else if (node instanceof SequenceNode sequence
          && step instanceof Integer index
          && index < sequence.getValue().size()) {
        node = sequence.getValue().get(index);
        line = node.getStartMark().getLine() + 1;
      } else if (Integer.valueOf(0).equals(step) && !(node instanceof SequenceNode)) {
        continue; // a single value where a list is also taken: it is the list's first item
      } else {
        return Optional.of(new Found(line, node, false));
      }
    }
    return Optional.of(new Found(line, node, true));
  }
}

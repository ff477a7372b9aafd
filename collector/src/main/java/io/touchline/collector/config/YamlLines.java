package io.touchline.collector.config;

import java.io.StringReader;
import java.util.List;
import java.util.OptionalInt;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the line of a field in a YAML text, so a binding error can point at it: Jackson's own
 * location is wherever its parser stood, often a line past the field.
 */
final class YamlLines {

  private YamlLines() {}

  /** The 1-based line of the field at {@code path} (names, or indexes for lists), if it is there. */
  static OptionalInt lineOf(String yaml, List<Object> path) {
    Node node;
    try {
      node = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(yaml));
    } catch (RuntimeException e) {
      return OptionalInt.empty();
    }
    int line = node == null ? -1 : node.getStartMark().getLine() + 1;
    for (Object step : path) {
      if (node instanceof MappingNode mapping && step instanceof String name) {
        NodeTuple found = null;
        for (NodeTuple tuple : mapping.getValue()) {
          if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals(name)) {
            found = tuple;
          }
        }
        if (found == null) {
          break;
        }
        line = found.getKeyNode().getStartMark().getLine() + 1;
        node = found.getValueNode();
      } else if (node instanceof SequenceNode sequence && step instanceof Integer index
          && index < sequence.getValue().size()) {
        node = sequence.getValue().get(index);
        line = node.getStartMark().getLine() + 1;
      } else {
        break;
      }
    }
    return line < 1 ? OptionalInt.empty() : OptionalInt.of(line);
  }
}

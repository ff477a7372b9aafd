package io.touchline.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A SnakeYAML node together with where it sits, so every binding error can name the file, the line
 * and the field. The binding reads the composed node tree rather than letting SnakeYAML construct
 * Java objects: that keeps line numbers and never instantiates arbitrary types.
 */
final class YamlNode {

  private final Node node;
  private final ConfigLocation location;
  private final EnvironmentSubstitution environment;

  YamlNode(Node node, ConfigLocation location, EnvironmentSubstitution environment) {
    this.node = node;
    this.location = location;
    this.environment = environment;
  }

  ConfigLocation location() {
    return location;
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  boolean isSequence() {
    return node instanceof SequenceNode;
  }

  boolean isMapping() {
    return node instanceof MappingNode;
  }

  /** The scalar's text after {@code ${ENV}} substitution. */
  String text() throws ConfigException {
    if (!isScalar()) {
      throw ConfigException.at(location, "expected a single value, found " + describe());
    }
    return environment.substitute(((ScalarNode) node).getValue(), location);
  }

  List<YamlNode> elements() throws ConfigException {
    if (!isSequence()) {
      throw ConfigException.at(location, "expected a list, found " + describe());
    }
    List<Node> values = ((SequenceNode) node).getValue();
    List<YamlNode> result = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      Node value = values.get(i);
      result.add(
          new YamlNode(value, location.element(i, lineOf(value), columnOf(value)), environment));
    }
    return result;
  }

  /** The mapping's entries in file order; a key given twice is an error. */
  Map<String, YamlNode> entries() throws ConfigException {
    if (!isMapping()) {
      throw ConfigException.at(location, "expected a mapping of name: value, found " + describe());
    }
    Map<String, YamlNode> result = new LinkedHashMap<>();
    for (NodeTuple tuple : ((MappingNode) node).getValue()) {
      Node keyNode = tuple.getKeyNode();
      if (!(keyNode instanceof ScalarNode)) {
        throw ConfigException.at(
            location.child("?", lineOf(keyNode), columnOf(keyNode)),
            "a field name must be plain text");
      }
      String key = ((ScalarNode) keyNode).getValue();
      Node value = tuple.getValueNode();
      YamlNode child =
          new YamlNode(value, location.child(key, lineOf(keyNode), columnOf(keyNode)), environment);
      if (result.put(key, child) != null) {
        throw ConfigException.at(child.location(), "given twice");
      }
    }
    return result;
  }

  /** The entries, refusing any field not in {@code allowed}: a typo must not pass silently. */
  Map<String, YamlNode> fields(String... allowed) throws ConfigException {
    Map<String, YamlNode> entries = entries();
    Set<String> known = new LinkedHashSet<>(Arrays.asList(allowed));
    for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
      if (!known.contains(entry.getKey())) {
        throw ConfigException.at(
            entry.getValue().location(), "unknown field; expected one of " + known);
      }
    }
    return Collections.unmodifiableMap(entries);
  }

  boolean isNull() {
    return isScalar() && "tag:yaml.org,2002:null".equals(node.getTag().getValue());
  }

  private String describe() {
    if (isMapping()) {
      return "a mapping";
    }
    if (isSequence()) {
      return "a list";
    }
    return "'" + ((ScalarNode) node).getValue() + "'";
  }

  static int lineOf(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
  }

  static int columnOf(Node node) {
    return node.getStartMark() == null ? 0 : node.getStartMark().getColumn() + 1;
  }
}

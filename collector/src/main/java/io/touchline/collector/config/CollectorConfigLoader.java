package io.touchline.collector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Reads {@code collector.yaml}; any mistake fails start-up with file, line and field. */
public final class CollectorConfigLoader {

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public CollectorConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot read the collector config: " + e.getMessage());
    }
    return parse(file.toString(), text);
  }

  public CollectorConfig parse(String source, String text) throws ConfigException {
    if (text.isBlank()) {
      return CollectorConfig.defaults();
    }
    try {
      JsonNode tree = yaml.readTree(text);
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        return CollectorConfig.defaults(); // a file of comments only
      }
      return yaml.treeToValue(tree, CollectorConfig.class);
    } catch (JsonProcessingException e) {
      throw new ConfigException(describe(source, text, e));
    }
  }

  private static String describe(String source, String text, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where = source + (location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr());
    if (e instanceof JsonMappingException mapping) {
      List<Object> steps = new ArrayList<>();
      mapping.getPath().forEach(r -> steps.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex()));
      OptionalInt line = YamlLines.lineOf(text, steps);
      if (line.isPresent()) {
        where = source + ":" + line.getAsInt();
      }
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining(".")).replace(".[", "[");
      String problem;
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field; expected one of " + unknown.getKnownPropertyIds();
      } else if (e instanceof InvalidFormatException format) {
        problem = "expected " + format.getTargetType().getSimpleName().toLowerCase() + ", found '" + format.getValue() + "'";
      } else if (e.getCause() instanceof InvalidFieldException invalid) {
        List<Object> fieldSteps = List.of((Object[]) invalid.field().split("\\."));
        return source + ":" + YamlLines.lineOf(text, fieldSteps).orElse(1) + ": " + invalid.field() + ": "
            + invalid.getMessage();
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        problem = e.getCause().getMessage();
      } else {
        problem = e.getOriginalMessage();
      }
      return where + (field.isEmpty() ? "" : ": " + field) + ": " + problem;
    }
    if (e.getCause() instanceof MarkedYAMLException yamlError && yamlError.getProblemMark() != null) {
      return source + ":" + (yamlError.getProblemMark().getLine() + 1) + ": not valid YAML: " + yamlError.getProblem();
    }
    return where + ": not valid YAML: " + e.getOriginalMessage();
  }
}

package io.touchline.collector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Says where a YAML file is wrong, as {@code file:line: field: problem}, for every file the
 * collector reads ({@code collector.yaml}, the rules file): Jackson's own location is wherever its
 * parser stood, so the line is looked up from the field's path ({@link YamlLines}).
 */
public final class YamlErrors {

  private YamlErrors() {}

  /**
   * A mapper that reads strictly: an unknown field is an error (a typo must not silently leave a
   * default in place), and no value changes type on the way in ({@code port: 1.5} is not port 1,
   * {@code port: "80"} is not a number).
   */
  public static ObjectMapper strictMapper() {
    return YAMLMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
  }

  /**
   * {@code source:line: field: problem} for a field found by its path (names, and indexes for
   * lists): for mistakes found after binding, which know the field but not its line.
   */
  public static String at(String source, String text, List<Object> path, String problem) {
    OptionalInt line = YamlLines.lineOf(text, path);
    String field = YamlLines.label(text, path);
    return source
        + (line.isPresent() ? ":" + line.getAsInt() : "")
        + (field.isEmpty() ? "" : ": " + field)
        + ": "
        + problem;
  }

  /** The 1-based line of the field at {@code path}, if the text has it. */
  public static OptionalInt lineOf(String text, List<Object> path) {
    return YamlLines.lineOf(text, path);
  }

  /** What Jackson or the YAML parser refused, with the file, line and field. */
  public static String describe(String source, String text, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where =
        source + (location == null || location.getLineNr() < 1 ? "" : ":" + location.getLineNr());
    if (e instanceof JsonMappingException mapping) {
      List<Object> steps = new ArrayList<>();
      mapping
          .getPath()
          .forEach(
              r -> steps.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex()));
      OptionalInt line = YamlLines.lineOf(text, steps);
      if (line.isPresent()) {
        where = source + ":" + line.getAsInt();
      }
      String field = YamlLines.label(text, steps);
      String problem;
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field; expected one of " + unknown.getKnownPropertyIds();
      } else if (e.getCause() instanceof InvalidFieldException invalid) {
        List<Object> fieldSteps = fieldSteps(steps, invalid.field());
        int fieldLine =
            YamlLines.lineOf(text, fieldSteps).orElse(YamlLines.lineOf(text, steps).orElse(1));
        String name = YamlLines.label(text, fieldSteps);
        return source + ":" + fieldLine + ": " + name + ": " + invalid.getMessage();
      } else if (e instanceof MismatchedInputException mismatch
          && mismatch.getTargetType() != null) {
        problem =
            "expected "
                + kind(mismatch.getTargetType())
                + YamlLines.describeValue(text, steps).map(found -> ", found " + found).orElse("");
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        problem = e.getCause().getMessage();
      } else {
        problem = e.getOriginalMessage();
      }
      return where + (field.isEmpty() ? "" : ": " + field) + ": " + problem;
    }
    if (e.getCause() instanceof MarkedYAMLException yamlError
        && yamlError.getProblemMark() != null) {
      return source
          + ":"
          + (yamlError.getProblemMark().getLine() + 1)
          + ": not valid YAML: "
          + yamlError.getProblem();
    }
    return where + ": not valid YAML: " + e.getOriginalMessage();
  }

  /**
   * The whole path of a refused field. Jackson's path leads to the object that refused it; the
   * exception names the field either from the root, indexes included ({@code
   * auth.tokens[2].scopes[0]}, refused by {@code auth}), or by its name for any entry of a list
   * ({@code keyTypes.maxPerProfile}, refused by {@code keyTypes[1]}): then the name is its last
   * step.
   */
  static List<Object> fieldSteps(List<Object> objectSteps, String field) {
    List<Object> named = parseField(field);
    List<Object> steps = new ArrayList<>(objectSteps);
    if (named.size() > objectSteps.size()
        && named.subList(0, objectSteps.size()).equals(objectSteps)) {
      steps.addAll(named.subList(objectSteps.size(), named.size()));
    } else {
      steps.add(field.substring(field.lastIndexOf('.') + 1));
    }
    return steps;
  }

  /** {@code auth.tokens[2].scopes[0]} as names and indexes. */
  private static List<Object> parseField(String field) {
    List<Object> steps = new ArrayList<>();
    for (String part : field.split("\\.")) {
      int bracket = part.indexOf('[');
      steps.add(bracket < 0 ? part : part.substring(0, bracket));
      while (bracket >= 0) {
        int close = part.indexOf(']', bracket);
        if (close < 0) {
          break;
        }
        try {
          steps.add(Integer.parseInt(part.substring(bracket + 1, close)));
        } catch (NumberFormatException e) {
          break;
        }
        bracket = part.indexOf('[', close);
      }
    }
    return steps;
  }

  /** How a config value of this Java type is written, for "expected ..." messages. */
  private static String kind(Class<?> type) {
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    return "a mapping of fields";
  }
}

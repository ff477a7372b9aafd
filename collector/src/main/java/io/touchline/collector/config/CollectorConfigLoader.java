package io.touchline.collector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

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
      CollectorConfig config = yaml.readValue(text, CollectorConfig.class);
      return config == null ? CollectorConfig.defaults() : config;
    } catch (JsonProcessingException e) {
      throw new ConfigException(describe(source, e));
    }
  }

  private static String describe(String source, JsonProcessingException e) {
    JsonLocation location = e.getLocation();
    String where = source + (location == null ? "" : ":" + location.getLineNr());
    if (e instanceof JsonMappingException mapping) {
      String field =
          mapping.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining(".")).replace(".[", "[");
      String problem;
      if (e instanceof UnrecognizedPropertyException unknown) {
        problem = "unknown field; expected one of " + unknown.getKnownPropertyIds();
      } else if (e instanceof InvalidFormatException format) {
        problem = "expected " + format.getTargetType().getSimpleName().toLowerCase() + ", found '" + format.getValue() + "'";
      } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
        problem = e.getCause().getMessage();
      } else {
        problem = e.getOriginalMessage();
      }
      return where + (field.isEmpty() ? "" : ": " + field) + ": " + problem;
    }
    return where + ": not valid YAML: " + e.getOriginalMessage();
  }
}

package io.touchline.collector.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code collector.yaml}; any mistake fails start-up with file, line and field. */
public final class CollectorConfigLoader {

  /** Strict: see {@link YamlErrors#strictMapper}. */
  private final ObjectMapper yaml = YamlErrors.strictMapper();

  public CollectorConfig load(Path file) throws ConfigException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(file + ": cannot read the collector config: no such file");
    } catch (AccessDeniedException e) {
      throw new ConfigException(file + ": cannot read the collector config: permission denied");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
      throw new ConfigException(file + ": cannot read the collector config: " + why);
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
      throw new ConfigException(YamlErrors.describe(source, text, e));
    }
  }
}

package io.touchline.collector.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.touchline.collector.config.YamlErrors;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a rules file into a {@link RuleSet}, strictly: an unknown field, a value of the wrong type,
 * a name that refers to nothing, a predicate or template that does not compile, or a secret whose
 * environment variable is not set each stop the load, named with file, line and field.
 */
public final class RulesLoader {

  /** The most problems one message lists; a file with more has a bigger problem than any one. */
  static final int MAX_PROBLEMS = 20;

  /** Strict, and wherever the file takes a list, one value is a list of itself: after: {...}. */
  private final ObjectMapper yaml =
      YamlErrors.strictMapper().enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

  private final RuleSetCompiler compiler;

  /**
   * @param environment where {@code ${ENV}} and {@code secretEnv} are read from: {@code
   *     System.getenv()} in the collector
   * @param keyTypes the collector's key types, which {@code requireKey} must name; empty to take
   *     any well-formed name
   */
  public RulesLoader(Map<String, String> environment, Set<String> keyTypes) {
    compiler =
        new RuleSetCompiler(
            new CelPredicates(),
            new ActionTemplates(),
            new EnvironmentValues(environment),
            java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(keyTypes)));
  }

  public RuleSet load(Path file) throws RulesException {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new RulesException(file + ": cannot read the rules file: no such file");
    } catch (AccessDeniedException e) {
      throw new RulesException(file + ": cannot read the rules file: permission denied");
    } catch (IOException e) {
      String why = Files.isDirectory(file) ? "it is a directory" : String.valueOf(e.getMessage());
      throw new RulesException(file + ": cannot read the rules file: " + why);
    }
    return parse(file.toString(), text);
  }

  /**
   * @param source the file's name, for messages
   */
  public RuleSet parse(String source, String text) throws RulesException {
    RulesYaml.File file;
    try {
      JsonNode tree = yaml.readTree(text);
      file =
          tree == null || tree.isMissingNode() || tree.isNull()
              ? new RulesYaml.File(null, null, null) // empty, or comments only: no rules
              : yaml.treeToValue(tree, RulesYaml.File.class);
    } catch (JsonProcessingException e) {
      throw new RulesException(YamlErrors.describe(source, text, e));
    }
    Problems problems = new Problems();
    RuleSet rules =
        compiler.compile(
            source, file, problems, path -> YamlErrors.lineOf(text, path.steps()).orElse(0));
    if (rules == null) {
      List<String> messages = new ArrayList<>();
      for (Problems.Problem problem : problems.all()) {
        if (messages.size() == MAX_PROBLEMS) {
          messages.add(
              source + ": " + (problems.count() - MAX_PROBLEMS) + " more problems not listed");
          break;
        }
        messages.add(YamlErrors.at(source, text, problem.path().steps(), problem.message()));
      }
      throw new RulesException(messages);
    }
    return rules;
  }
}

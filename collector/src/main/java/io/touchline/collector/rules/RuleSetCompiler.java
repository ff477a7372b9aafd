package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Turns a bound file into a {@link RuleSet}: targets first (rules name them), then each rule, then
 * the contact policy. Problems are collected, not thrown, so that one load names them all.
 */
final class RuleSetCompiler {

  private final CelPredicates predicates;
  private final ActionTemplates templates;
  private final EnvironmentValues environment;
  private final Set<String> keyTypes;

  RuleSetCompiler(
      CelPredicates predicates,
      ActionTemplates templates,
      EnvironmentValues environment,
      Set<String> keyTypes) {
    this.predicates = predicates;
    this.templates = templates;
    this.environment = environment;
    this.keyTypes = keyTypes;
  }

  /**
   * @param lineOf the line of a field, for each rule's {@link Rule#line}
   * @return the set, or null when any problem was found
   */
  RuleSet compile(
      String source, RulesYaml.File file, Problems problems, ToIntFunction<FieldPath> lineOf) {
    FieldPath targetsPath = FieldPath.ROOT.field("targets");
    Map<String, Target> targets = new LinkedHashMap<>();
    Map<String, RulesYaml.Target> targetsYaml = file.targets() == null ? Map.of() : file.targets();
    TargetCompiler targetCompiler = new TargetCompiler(environment, problems);
    targetsYaml.forEach(
        (name, yaml) -> {
          Target target = targetCompiler.compile(name, yaml, targetsPath.field(name));
          if (target != null) {
            targets.put(name, target);
          }
        });
    RuleCompiler ruleCompiler =
        new RuleCompiler(predicates, templates, targets, keyTypes, problems);
    List<Rule> rules = new ArrayList<>();
    Map<String, Integer> indexOfName = new HashMap<>();
    List<RulesYaml.Rule> rulesYaml = file.rules() == null ? List.of() : file.rules();
    for (int i = 0; i < rulesYaml.size(); i++) {
      FieldPath path = FieldPath.ROOT.field("rules").index(i);
      RulesYaml.Rule yaml = rulesYaml.get(i);
      if (!problems.required(path, yaml, "a rule: name, trigger, action and mode at least")) {
        continue;
      }
      if (yaml.name() != null) {
        Integer first = indexOfName.putIfAbsent(yaml.name().trim(), i);
        if (first != null) {
          problems.add(
              path.field("name"),
              "'"
                  + yaml.name().trim()
                  + "' already names rules["
                  + first
                  + "]; every rule needs a name of its own");
        }
      }
      Rule rule = ruleCompiler.compile(yaml, path, lineOf.applyAsInt(path), targetsYaml.keySet());
      if (rule != null) {
        rules.add(rule);
      }
    }
    ContactPolicy policy =
        contactPolicy(file.contactPolicy(), FieldPath.ROOT.field("contactPolicy"), problems);
    if (problems.count() > 0) {
      return null;
    }
    return new RuleSet(source, Instant.now(), rules, targets, policy);
  }

  private static ContactPolicy contactPolicy(
      RulesYaml.ContactPolicy yaml, FieldPath path, Problems problems) {
    if (yaml == null) {
      return ContactPolicy.NONE;
    }
    int before = problems.count();
    int maxActions = yaml.maxActions() == null ? 0 : yaml.maxActions();
    if (yaml.maxActions() != null && maxActions < 1) {
      problems.add(path.field("maxActions"), "must be 1 or more, was " + maxActions);
    }
    Duration within = null;
    if (yaml.within() != null) {
      within =
          problems.read(
              path.field("within"), () -> Durations.parse("contactPolicy.within", yaml.within()));
      if (yaml.maxActions() == null) {
        problems.add(path.field("within"), "means nothing without maxActions");
      }
    } else if (yaml.maxActions() != null) {
      problems.add(path.field("within"), "required with maxActions: a window such as 7d");
    }
    ZoneId zone = ZoneOffset.UTC;
    if (yaml.timeZone() != null) {
      zone = problems.read(path.field("timeZone"), () -> QuietHours.zone(yaml.timeZone()));
      if (yaml.quietHours() == null) {
        problems.add(path.field("timeZone"), "means nothing without quietHours");
      }
    }
    ZoneId quietZone = zone;
    Optional<QuietHours> quietHours =
        Optional.ofNullable(yaml.quietHours())
            .map(
                text ->
                    problems.read(
                        path.field("quietHours"),
                        () ->
                            QuietHours.parse(
                                text, quietZone == null ? ZoneOffset.UTC : quietZone)));
    Percent globalControl =
        yaml.globalControl() == null
            ? Percent.NONE
            : problems.read(path.field("globalControl"), () -> Percent.parse(yaml.globalControl()));
    if (problems.count() > before) {
      return null;
    }
    return new ContactPolicy(maxActions, within, quietHours, globalControl);
  }
}

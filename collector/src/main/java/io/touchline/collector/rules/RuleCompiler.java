package io.touchline.collector.rules;

import io.touchline.collector.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one entry of {@code rules} and compiles its predicate and templates. Every mistake goes to
 * the problems with its field; a rule with any is left out of the set (and the set refused).
 */
final class RuleCompiler {

  /** A key type's name, as collector.yaml's {@code keyTypes} declares them. */
  private static final Pattern KEY_TYPE = Pattern.compile("[a-z][a-z0-9_]*");

  /** More would be a loop in disguise, and a count the engine keeps per profile. */
  static final int MAX_COUNT = 1_000;

  private final CelPredicates predicates;
  private final ActionTemplates templates;
  private final Map<String, Target> targets;
  private final Set<String> keyTypes;
  private final Problems problems;

  /**
   * @param targets the file's targets that loaded, by name
   * @param keyTypes the key types the collector stitches on; empty when not known (check-rules
   *     without a collector), and then any well-formed name is taken
   */
  RuleCompiler(
      CelPredicates predicates,
      ActionTemplates templates,
      Map<String, Target> targets,
      Set<String> keyTypes,
      Problems problems) {
    this.predicates = predicates;
    this.templates = templates;
    this.targets = targets;
    this.keyTypes = keyTypes;
    this.problems = problems;
  }

  /** The rule with its version, or null when something in it is wrong. */
  Rule compile(RulesYaml.Rule yaml, FieldPath path, int line, Set<String> targetsInFile) {
    int before = problems.count();
    String name = problems.read(path.field("name"), () -> Names.check("a rule", yaml.name()));
    Step trigger = null;
    if (problems.required(path.field("trigger"), yaml.trigger(), "the step that starts the rule")) {
      trigger = step(yaml.trigger(), path.field("trigger"));
    }
    Optional<WherePredicate> where =
        Optional.ofNullable(yaml.where())
            .map(text -> problems.read(path.field("where"), () -> predicates.compile(text)));
    List<StepWindow> after = windows(yaml.after(), path.field("after"));
    List<StepWindow> unless = windows(yaml.unless(), path.field("unless"));
    List<StepCount> count = counts(yaml.count(), path.field("count"));
    Map<String, Set<String>> segment = segment(yaml.segment(), path.field("segment"));
    Optional<String> requireKey =
        Optional.ofNullable(yaml.requireKey())
            .map(key -> problems.read(path.field("requireKey"), () -> keyType(key)));
    Action action = action(yaml.action(), path.field("action"), targetsInFile);
    Percent controlGroup =
        yaml.controlGroup() == null
            ? Percent.NONE
            : problems.read(path.field("controlGroup"), () -> Percent.parse(yaml.controlGroup()));
    Optional<StepWindow> goal =
        Optional.ofNullable(yaml.goal()).map(g -> window(g, path.field("goal")));
    Optional<Cap> cap = Optional.ofNullable(yaml.cap()).map(c -> cap(c, path.field("cap")));
    Mode mode = null;
    if (problems.required(
        path.field("mode"),
        yaml.mode(),
        "live, shadow or paused; whether a rule contacts customers is never a default")) {
      mode = problems.read(path.field("mode"), () -> Mode.parse(yaml.mode().trim()));
    }
    if (problems.count() > before) {
      return null;
    }
    Rule rule =
        new Rule(
            name,
            "",
            line,
            trigger,
            where,
            after,
            unless,
            count,
            segment,
            requireKey,
            action,
            controlGroup,
            goal,
            cap,
            mode);
    return rule.withVersion(RuleVersion.of(rule));
  }

  private Step step(RulesYaml.Step yaml, FieldPath path) {
    if (yaml.compact != null) {
      return problems.read(path, () -> Step.parse(yaml.compact));
    }
    if (!problems.required(path.field("touchpoint"), yaml.touchpoint, "the touchpoint's name")) {
      return null;
    }
    String touchpoint =
        problems.read(
            path.field("touchpoint"), () -> Step.checkName("touchpoint", yaml.touchpoint.trim()));
    String channel = null;
    if (yaml.channel != null) {
      if (yaml.channel.isBlank()) {
        problems.add(path.field("channel"), "must not be empty; leave it out for any channel");
      } else {
        channel =
            problems.read(
                path.field("channel"), () -> Step.checkName("channel", yaml.channel.trim()));
      }
    }
    Outcome outcome =
        yaml.outcome == null
            ? null
            : problems.read(path.field("outcome"), () -> Outcome.parse(yaml.outcome.trim()));
    return touchpoint == null ? null : new Step(touchpoint, channel, outcome);
  }

  private Duration within(String text, FieldPath path) {
    if (!problems.required(path, text, "a window such as 30m, 1h or 7d")) {
      return null;
    }
    return problems.read(path, () -> Durations.parse(path.toString(), text));
  }

  private StepWindow window(RulesYaml.Window yaml, FieldPath path) {
    Step step =
        problems.required(path.field("step"), yaml.step(), "the step looked for")
            ? step(yaml.step(), path.field("step"))
            : null;
    Duration within = within(yaml.within(), path.field("within"));
    return step == null || within == null ? null : new StepWindow(step, within);
  }

  private List<StepWindow> windows(List<RulesYaml.Window> yaml, FieldPath path) {
    List<StepWindow> windows = new ArrayList<>();
    if (yaml != null) {
      for (int i = 0; i < yaml.size(); i++) {
        if (problems.required(path.index(i), yaml.get(i), "a step and a window")) {
          windows.add(window(yaml.get(i), path.index(i)));
        }
      }
    }
    return windows;
  }

  private List<StepCount> counts(List<RulesYaml.Count> yaml, FieldPath path) {
    List<StepCount> counts = new ArrayList<>();
    if (yaml == null) {
      return counts;
    }
    for (int i = 0; i < yaml.size(); i++) {
      FieldPath item = path.index(i);
      RulesYaml.Count count = yaml.get(i);
      if (!problems.required(item, count, "a step, atLeast and a window")) {
        continue;
      }
      Step step =
          problems.required(item.field("step"), count.step(), "the step counted")
              ? step(count.step(), item.field("step"))
              : null;
      Integer atLeast = count.atLeast();
      if (problems.required(item.field("atLeast"), atLeast, "how many times, 1 or more")
          && (atLeast < 1 || atLeast > MAX_COUNT)) {
        problems.add(
            item.field("atLeast"), "must be between 1 and " + MAX_COUNT + ", was " + atLeast);
      }
      Duration within = within(count.within(), item.field("within"));
      if (step != null && within != null && atLeast != null) {
        counts.add(new StepCount(step, atLeast, within));
      }
    }
    return counts;
  }

  private Map<String, Set<String>> segment(Map<String, List<String>> yaml, FieldPath path) {
    Map<String, Set<String>> segment = new LinkedHashMap<>();
    if (yaml == null) {
      return segment;
    }
    yaml.forEach(
        (attribute, values) -> {
          FieldPath field = path.field(attribute);
          if (attribute.isBlank()) {
            problems.add(path, "an attribute name must not be empty");
          } else if (values == null || values.isEmpty()) {
            problems.add(field, "required: the values a profile's latest value must be one of");
          } else if (values.stream().anyMatch(v -> v == null)) {
            problems.add(field, "a value must not be empty");
          } else {
            segment.put(attribute, new LinkedHashSet<>(values));
          }
        });
    return segment;
  }

  private String keyType(String text) {
    String key = text.trim();
    if (!KEY_TYPE.matcher(key).matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a key type's name");
    }
    if (!keyTypes.isEmpty() && !keyTypes.contains(key)) {
      throw new IllegalArgumentException(
          "'"
              + key
              + "' is not a key type of collector.yaml; the key types are: "
              + String.join(", ", keyTypes));
    }
    return key;
  }

  private Action action(RulesYaml.Action yaml, FieldPath path, Set<String> targetsInFile) {
    if (!problems.required(path, yaml, "a target and a body")) {
      return null;
    }
    String target = null;
    FieldPath targetPath = path.field("target");
    if (problems.required(targetPath, yaml.target(), "the name of a target under targets")) {
      target = yaml.target().trim();
      if (!targetsInFile.contains(target)) {
        problems.add(
            targetPath,
            "no target named '"
                + target
                + "'; "
                + (targetsInFile.isEmpty()
                    ? "the file has no targets"
                    : "targets are: " + String.join(", ", targetsInFile)));
        target = null;
      }
    }
    Optional<ActionTemplate> actionPath =
        Optional.ofNullable(yaml.path())
            .map(text -> problems.read(path.field("path"), () -> templates.path(text.trim())));
    Optional<ActionTemplate> body =
        Optional.ofNullable(yaml.body())
            .map(text -> problems.read(path.field("body"), () -> templates.body(text)));
    Target sendsTo = target == null ? null : targets.get(target);
    if (sendsTo != null && body.isPresent() && sendsTo.method().equals("GET")) {
      problems.add(
          path.field("body"), "target '" + target + "' sends GET requests, which carry no body");
    }
    return target == null ? null : new Action(target, actionPath, body);
  }

  private Cap cap(RulesYaml.Cap yaml, FieldPath path) {
    Integer perProfile = yaml.perProfile();
    if (problems.required(path.field("perProfile"), perProfile, "decisions per profile, 1 or more")
        && perProfile < 1) {
      problems.add(path.field("perProfile"), "must be 1 or more, was " + perProfile);
    }
    Duration within = within(yaml.within(), path.field("within"));
    return perProfile == null || perProfile < 1 || within == null
        ? null
        : new Cap(perProfile, within);
  }
}

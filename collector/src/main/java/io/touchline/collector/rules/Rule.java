package io.touchline.collector.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One rule, checked and compiled: when {@code trigger} arrives for a profile and every condition
 * holds, the rule decides once for that touchpoint — to act, or to hold the profile out.
 *
 * @param name unique in its file; what {@code X-Touchline-Rule} and the API call it
 * @param version a hash of the rule's content ({@link RuleVersion}): a changed rule is a new
 *     version, which decides touchpoints from then on
 * @param line where the rule starts in its file, for messages
 * @param trigger the step whose arrival is considered
 * @param where a predicate over the trigger and the profile, if any
 * @param after sequence: each step must have come within its window before the trigger
 * @param unless absence: the rule waits out each window after the trigger and acts only if no such
 *     step came
 * @param count each step must have come at least N times within its window before the trigger, the
 *     trigger included when it is such a step
 * @param segment attribute name to the values the profile's latest value must be one of (as the
 *     analyst views' segments read it); a profile without a value is in no segment
 * @param requireKey a key type the profile must hold, if any
 * @param action what is sent where
 * @param controlGroup the share of profiles held out (decided, recorded, not contacted)
 * @param goal the step that counts as success, within a window after the trigger, for lift
 * @param cap at most N decisions per profile within a window, if any
 * @param mode whether the rule sends, only records, or decides nothing
 */
public record Rule(
    String name,
    String version,
    int line,
    Step trigger,
    Optional<WherePredicate> where,
    List<StepWindow> after,
    List<StepWindow> unless,
    List<StepCount> count,
    Map<String, Set<String>> segment,
    Optional<String> requireKey,
    Action action,
    Percent controlGroup,
    Optional<StepWindow> goal,
    Optional<Cap> cap,
    Mode mode) {

  public Rule {
    after = List.copyOf(after);
    unless = List.copyOf(unless);
    count = List.copyOf(count);
    segment = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(segment));
  }

  /** A step of the rule and the field that names it: {@code trigger}, {@code unless[0]}, ... */
  public record StepUse(String field, Step step) {}

  /** Every step the rule names, with its field, in the file's order. */
  public List<StepUse> steps() {
    List<StepUse> steps = new ArrayList<>();
    steps.add(new StepUse("trigger", trigger));
    for (int i = 0; i < after.size(); i++) {
      steps.add(new StepUse(label("after", i, after.size()), after.get(i).step()));
    }
    for (int i = 0; i < unless.size(); i++) {
      steps.add(new StepUse(label("unless", i, unless.size()), unless.get(i).step()));
    }
    for (int i = 0; i < count.size(); i++) {
      steps.add(new StepUse(label("count", i, count.size()), count.get(i).step()));
    }
    goal.ifPresent(g -> steps.add(new StepUse("goal", g.step())));
    return steps;
  }

  private static String label(String field, int index, int size) {
    return size == 1 ? field : field + "[" + index + "]";
  }

  Rule withVersion(String version) {
    return new Rule(
        name,
        version,
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
  }
}

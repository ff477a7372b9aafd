package io.touchline.collector.rules;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules in force: every rule of one file, the targets they send to and the contact policy,
 * checked and compiled as one. Immutable; a changed file gives a new set.
 *
 * @param source the file it was read from
 * @param loadedAt when it was read
 * @param rules in the file's order
 * @param targets by name
 * @param contactPolicy the limits across all rules
 */
public record RuleSet(
    String source,
    Instant loadedAt,
    List<Rule> rules,
    Map<String, Target> targets,
    ContactPolicy contactPolicy) {

  public RuleSet {
    rules = List.copyOf(rules);
    targets = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(targets));
  }

  public Optional<Rule> rule(String name) {
    return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
  }

  /** Each rule's version by its name, in the file's order. */
  public Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    rules.forEach(rule -> versions.put(rule.name(), rule.version()));
    return versions;
  }
}

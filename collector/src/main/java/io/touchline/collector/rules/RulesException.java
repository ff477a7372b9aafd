package io.touchline.collector.rules;

import java.util.List;

/**
 * A rules file that cannot be used, with every mistake found, each as {@code file:line: field:
 * problem}.
 */
public final class RulesException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  RulesException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  RulesException(String problem) {
    this(List.of(problem));
  }

  /** Each mistake on its own: {@code config/rules.yaml:14: rules[2].action.target: ...}. */
  public List<String> problems() {
    return problems;
  }
}

package io.touchline.collector.rules;

import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.Map;

/**
 * A rule's compiled {@code where:} predicate. Thread-safe: the engine may test it from any thread.
 *
 * @param expression as written in the file
 * @param canonical the same expression as CEL prints it back: what the rule's version covers, so
 *     that spacing and line breaks in the file are not a new version
 */
public record WherePredicate(String expression, String canonical, CelRuntime.Program program) {

  /**
   * Evaluates the predicate.
   *
   * @param bindings a value for each of {@link CelPredicates#VARIABLES}; a map lookup of a key that
   *     is absent is an error, so guard with {@code "name" in trigger.attributes &&} where an
   *     attribute may be missing
   * @return whether it holds
   * @throws PredicateException when it cannot be evaluated (a missing key, a type mismatch at run
   *     time, more than {@link CelPredicates#MAX_ITERATIONS} iterations, a result that is not a
   *     bool): the engine skips the decision with that reason
   */
  public boolean test(Map<String, Object> bindings) throws PredicateException {
    Object result;
    try {
      result = program.eval(bindings);
    } catch (CelEvaluationException e) {
      throw new PredicateException(expression + ": " + e.getMessage(), e);
    }
    if (result instanceof Boolean holds) {
      return holds;
    }
    throw new PredicateException(expression + ": gave " + result + ", not true or false", null);
  }

  @Override
  public String toString() {
    return expression;
  }
}

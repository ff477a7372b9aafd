package io.touchline.collector.rules;

/** A {@code where:} predicate that could not be evaluated for one trigger. */
public final class PredicateException extends Exception {

  private static final long serialVersionUID = 1L;

  PredicateException(String message, Throwable cause) {
    super(message, cause);
  }
}

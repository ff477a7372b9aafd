package io.touchline.collector.query;

/**
 * A query or a view was asked with something it cannot use (a key of an unknown type, an attribute
 * no stored touchpoint has, one with too many distinct values, one past the attributes kept): the
 * request is at fault, and the message says which of its parts and why.
 */
public final class BadQueryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadQueryException(String message) {
    super(message);
  }
}
